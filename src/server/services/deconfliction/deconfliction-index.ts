import { parsePdqHex } from '../../../domain/hashing/pdq-hex';
import { MultiIndexHashIndex, type QueryBounds } from '../../../domain/index/mih-index';
import { PDQ_MATCH_RADIUS, PDQ_MIN_QUALITY } from '../../../domain/signals/pdq.signal';
import { EXACT_SIGNAL_TYPES } from '../../../domain/signals/signals';
import type { SignalType } from '../../../domain/signals/signal-type';
import { HolderMap } from './holders';

export { PDQ_MATCH_RADIUS, PDQ_MIN_QUALITY };

/** How two media matched: one of the signal types (the exact digests, or PDQ within the radius). */
export type MatchKind = SignalType;
type ExactKind = Exclude<SignalType, 'pdq' | 'vpdq'>;

/**
 * Bounds on one media record's lookup (whatever the index holds, a lookup's cost is bounded): at
 * most this many other media reported, and this many stored hashes examined per PDQ query. A media
 * record matching more than that many others is reported with the first ones found (`complete` false).
 */
export const LOOKUP_BOUNDS = {
  maxMatches: 64,
  pdqCandidatesPerQuery: 4096,
  /**
   * In memory, MultiIndexHashIndex counts every slot it visits (before its word filter) against its
   * candidate budget. A random query visits 16 x 17 x n / 65,536 slots: 4,150 at n = 1M, so a budget of
   * 4,096 cut (and could miss) nearly every lookup from about a million hashes on. The in-memory
   * budget is therefore 16 times larger: cut from about 16M hashes, beyond what memory holds.
   */
  memorySlotsPerQuery: 65_536,
} as const;

/** What the index knows of one media record: where it lives and its hashes. */
export interface IndexedMedia {
  readonly caseId: string;
  readonly mediaId: string;
  readonly seriesId: string;
  readonly md5?: string | undefined;
  readonly sha1?: string | undefined;
  readonly sha256?: string | undefined;
  /** Original orientation; indexed when quality allows. */
  readonly pdq?: string | undefined;
  readonly pdqQuality?: number | undefined;
  /** The 8 dihedral hashes (original first), used as queries so a rotated or mirrored copy matches. */
  readonly pdqDihedral?: readonly string[] | undefined;
  /**
   * Frame hashes of a video (quality >= PDQ_MIN_QUALITY, distinct) used as queries: a lookup of a
   * video asks with its frames too (held in the index as `IndexedFrames`, not in the media record).
   */
  readonly frames?: readonly string[] | undefined;
}

/**
 * One videoFrames record as the index keeps it: frame hashes of a video, each a holder of its value
 * like a media's own PDQ. A match through a frame (either side) is of kind `vpdq`; a frame part whose
 * video is not indexed (not arrived yet, or deleted) matches nothing.
 */
export interface IndexedFrames {
  readonly caseId: string;
  /** The videoFrames record's id (`<mediaId>.<part>`). */
  readonly partId: string;
  readonly mediaId: string;
  /** Distinct frame PDQs of quality >= PDQ_MIN_QUALITY (lower-case hex). */
  readonly pdqs: readonly string[];
}

export interface IndexHit {
  readonly caseId: string;
  readonly mediaId: string;
  readonly seriesId: string;
  readonly kinds: ReadonlySet<MatchKind>;
}

interface Entry {
  readonly caseId: string;
  readonly mediaId: string;
  seriesId: string;
  readonly exact: { readonly [K in ExactKind]: string | undefined };
  /** The indexed PDQ (original orientation), when its quality allows matching on it. */
  readonly pdq: string | undefined;
  /** Seq of the entity state this entry reflects: an older write never replaces a newer one. */
  seq: number;
}

interface Part {
  readonly caseId: string;
  readonly partId: string;
  readonly mediaId: string;
  readonly values: readonly string[];
  seq: number;
}

const keyOf = (caseId: string, mediaId: string) => `${caseId}\u0000${mediaId}`;

/**
 * Every live media of every case, by exact hash (MD5, SHA-1, SHA-256) and by PDQ (multi-index hashing,
 * exact within the radius), and every frame part of a video (its frames hold their values as the
 * media's own PDQ does; a match through a frame is `vpdq`). In memory, rebuilt from sync_entities at start and updated after each
 * commit. Lookups name the other cases' media that match; callers decide what to reveal.
 *
 * Invariants: each distinct hash value is one key (exact maps) or one point of the PDQ index, with its
 * holders grouped by case (holders.ts); so thousands of copies of one picture are one candidate, and a
 * lookup's cost is bounded by LOOKUP_BOUNDS whatever anyone stored: at most `pdqCandidatesPerQuery`
 * distinct PDQ values examined per query and `maxMatches` media reported.
 */
export class DeconflictionIndex {
  /** Distinct PDQ values: the index's ids are their group numbers. */
  private readonly pdq = new MultiIndexHashIndex<number>(1 << 16);
  private readonly pdqHolders = new HolderMap();
  private readonly groupOf = new Map<string, number>();
  private readonly valueOf: (string | undefined)[] = [];
  private readonly freeGroups: number[] = [];
  private readonly exact: { readonly [K in ExactKind]: HolderMap } = {
    md5: new HolderMap(),
    sha1: new HolderMap(),
    sha256: new HolderMap(),
  };
  private readonly entries: (Entry | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  /** Frame parts: their own slots, holders of their values in `frameHolders`. */
  private readonly frameHolders = new HolderMap();
  private readonly parts: (Part | undefined)[] = [];
  private readonly partSlotOf = new Map<string, number>();
  private readonly freeParts: number[] = [];
  /** (case, media) -> slots of its frame parts. */
  private readonly partsOfMedia = new Map<string, Set<number>>();

  get size(): number {
    return this.slotOf.size;
  }

  has(caseId: string, mediaId: string): boolean {
    return this.slotOf.has(keyOf(caseId, mediaId));
  }

  /** The series an indexed media is in (undefined when it is not indexed). */
  seriesOf(caseId: string, mediaId: string): string | undefined {
    const slot = this.slotOf.get(keyOf(caseId, mediaId));
    return slot === undefined ? undefined : this.entries[slot]?.seriesId;
  }

  /** Adds or replaces a media record's entry (ignored when `seq` is older than the indexed one). */
  upsert(media: IndexedMedia, seq: number): void {
    const key = keyOf(media.caseId, media.mediaId);
    const existing = this.slotOf.get(key);
    if (existing !== undefined) {
      const entry = this.entries[existing]!;
      if (entry.seq > seq) return;
      // Hashes are immutable: only the series (and the seq) can have changed.
      entry.seriesId = media.seriesId;
      entry.seq = seq;
      return;
    }
    const slot = this.free.pop() ?? this.entries.length;
    const exact = exactOf(media);
    const parsed = media.pdq ? parsePdqHex(media.pdq) : null;
    const pdq = parsed && (media.pdqQuality ?? 100) >= PDQ_MIN_QUALITY ? parsed : undefined;
    this.entries[slot] = {
      caseId: media.caseId,
      mediaId: media.mediaId,
      seriesId: media.seriesId,
      exact,
      pdq,
      seq,
    };
    this.slotOf.set(key, slot);
    for (const kind of EXACT_KINDS) {
      const value = exact[kind];
      if (value) this.exact[kind].add(value, media.caseId, slot);
    }
    if (pdq) {
      this.pdqHolders.add(pdq, media.caseId, slot);
      this.valueHeld(pdq);
    }
  }

  /** Adds a frame part (ignored when the same part is indexed with a newer seq). */
  upsertFrames(frames: IndexedFrames, seq: number): void {
    const key = keyOf(frames.caseId, frames.partId);
    const existing = this.partSlotOf.get(key);
    if (existing !== undefined) {
      // Frame parts are immutable: the same part again only refreshes its seq.
      const part = this.parts[existing]!;
      part.seq = Math.max(part.seq, seq);
      return;
    }
    const slot = this.freeParts.pop() ?? this.parts.length;
    const values = [...new Set(frames.pdqs.flatMap((h) => parsePdqHex(h) ?? []))];
    this.parts[slot] = { caseId: frames.caseId, partId: frames.partId, mediaId: frames.mediaId, values, seq };
    this.partSlotOf.set(key, slot);
    const mediaKey = keyOf(frames.caseId, frames.mediaId);
    const ofMedia = this.partsOfMedia.get(mediaKey) ?? new Set<number>();
    ofMedia.add(slot);
    this.partsOfMedia.set(mediaKey, ofMedia);
    for (const value of values) {
      this.frameHolders.add(value, frames.caseId, slot);
      this.valueHeld(value);
    }
  }

  removeFrames(caseId: string, partId: string, seq = Number.MAX_SAFE_INTEGER): void {
    const key = keyOf(caseId, partId);
    const slot = this.partSlotOf.get(key);
    if (slot === undefined) return;
    const part = this.parts[slot]!;
    if (part.seq > seq) return;
    this.partSlotOf.delete(key);
    const mediaKey = keyOf(caseId, part.mediaId);
    const ofMedia = this.partsOfMedia.get(mediaKey);
    ofMedia?.delete(slot);
    if (ofMedia?.size === 0) this.partsOfMedia.delete(mediaKey);
    for (const value of part.values) {
      this.frameHolders.delete(value, caseId, slot);
      this.valueReleased(value);
    }
    this.parts[slot] = undefined;
    this.freeParts.push(slot);
  }

  /** The distinct frame hashes indexed for a video. */
  framesOf(caseId: string, mediaId: string): string[] {
    const out = new Set<string>();
    for (const slot of this.partsOfMedia.get(keyOf(caseId, mediaId)) ?? [])
      for (const value of this.parts[slot]?.values ?? []) out.add(value);
    return [...out];
  }

  /** A value gained a holder: it becomes a point of the PDQ index if it was not one. */
  private valueHeld(value: string): void {
    if (this.groupOf.has(value)) return;
    const group = this.freeGroups.pop() ?? this.valueOf.length;
    this.groupOf.set(value, group);
    this.valueOf[group] = value;
    this.pdq.add(group, value);
  }

  /** A value lost a holder: it leaves the PDQ index once no media and no frame holds it. */
  private valueReleased(value: string): void {
    if (this.pdqHolders.get(value) || this.frameHolders.get(value)) return;
    const group = this.groupOf.get(value);
    if (group === undefined) return;
    this.groupOf.delete(value);
    this.valueOf[group] = undefined;
    this.pdq.remove(group);
    this.freeGroups.push(group);
  }

  remove(caseId: string, mediaId: string, seq = Number.MAX_SAFE_INTEGER): void {
    const key = keyOf(caseId, mediaId);
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    const entry = this.entries[slot]!;
    if (entry.seq > seq) return;
    this.slotOf.delete(key);
    for (const kind of EXACT_KINDS) {
      const value = entry.exact[kind];
      if (value) this.exact[kind].delete(value, caseId, slot);
    }
    if (entry.pdq) {
      this.pdqHolders.delete(entry.pdq, caseId, slot);
      this.valueReleased(entry.pdq);
    }
    this.entries[slot] = undefined;
    this.free.push(slot);
  }

  /**
   * Media of cases other than `media.caseId` that match it, each with how; bounded (LOOKUP_BOUNDS):
   * `complete` is false when a bound cut the answer short (it is then a subset of the full answer).
   */
  lookup(media: IndexedMedia): { hits: IndexHit[]; complete: boolean } {
    const found = new Map<number, Set<MatchKind>>();
    let complete = true;
    const hit = (kind: MatchKind) => (slot: number) => {
      const kinds = found.get(slot);
      if (kinds) kinds.add(kind);
      else if (found.size >= LOOKUP_BOUNDS.maxMatches) return false;
      else found.set(slot, new Set([kind]));
      return true;
    };
    const exact = exactOf(media);
    for (const kind of EXACT_KINDS) {
      const value = exact[kind];
      const holders = value ? this.exact[kind].get(value) : undefined;
      if (holders && !holders.forOthers(media.caseId, hit(kind))) complete = false;
    }
    // Image hashes ask as 'pdq', frame hashes as 'vpdq'; a stored frame answers as 'vpdq' either way.
    const queries: { pdq: string; kind: MatchKind }[] = [];
    if ((media.pdqQuality ?? 100) >= PDQ_MIN_QUALITY) {
      const raw = media.pdqDihedral?.length ? media.pdqDihedral : media.pdq ? [media.pdq] : [];
      for (const q of raw.slice(0, 8)) queries.push({ pdq: q, kind: 'pdq' });
    }
    for (const q of media.frames ?? []) queries.push({ pdq: q, kind: 'vpdq' });
    const bounds: QueryBounds = {
      maxCandidates: LOOKUP_BOUNDS.memorySlotsPerQuery,
      maxMatches: LOOKUP_BOUNDS.pdqCandidatesPerQuery,
    };
    const viaFrame = hit('vpdq');
    const frameHit = (partSlot: number) => {
      const part = this.parts[partSlot];
      const slot = part ? this.slotOf.get(keyOf(part.caseId, part.mediaId)) : undefined;
      return slot === undefined ? true : viaFrame(slot);
    };
    for (const query of queries) {
      const pdq = parsePdqHex(query.pdq);
      if (!pdq) continue;
      const answer = this.pdq.queryBounded(pdq, PDQ_MATCH_RADIUS, bounds);
      if (!answer.complete) complete = false;
      for (const match of answer.matches) {
        const value = this.valueOf[match.id];
        if (!value) continue;
        const holders = this.pdqHolders.get(value);
        if (holders && !holders.forOthers(media.caseId, hit(query.kind))) complete = false;
        const frames = this.frameHolders.get(value);
        if (frames && !frames.forOthers(media.caseId, frameHit)) complete = false;
      }
    }
    const hits = [...found].map(([slot, kinds]) => {
      const entry = this.entries[slot]!;
      return { caseId: entry.caseId, mediaId: entry.mediaId, seriesId: entry.seriesId, kinds };
    });
    return { hits, complete };
  }
}

const EXACT_KINDS = EXACT_SIGNAL_TYPES as readonly ExactKind[];

function exactOf(media: IndexedMedia): { [K in ExactKind]: string | undefined } {
  return {
    md5: media.md5?.toLowerCase() || undefined,
    sha1: media.sha1?.toLowerCase() || undefined,
    sha256: media.sha256?.toLowerCase() || undefined,
  };
}

/** The index's view of a stored media entity's data. */
export function indexedMediaOf(
  caseId: string,
  mediaId: string,
  data: Readonly<Record<string, unknown>>,
): IndexedMedia {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const dihedral = Array.isArray(data.pdqDihedral)
    ? data.pdqDihedral.filter((h): h is string => typeof h === 'string')
    : undefined;
  return {
    caseId,
    mediaId,
    seriesId: text(data.seriesId) ?? '',
    md5: text(data.md5),
    sha1: text(data.sha1),
    sha256: text(data.sha256),
    pdq: text(data.pdq),
    pdqQuality: typeof data.pdqQuality === 'number' ? data.pdqQuality : undefined,
    pdqDihedral: dihedral,
  };
}

/** The index's view of a stored videoFrames record: its distinct frames of quality >= PDQ_MIN_QUALITY. */
export function indexedFramesOf(
  caseId: string,
  partId: string,
  data: Readonly<Record<string, unknown>>,
): IndexedFrames {
  const frames = Array.isArray(data.frames) ? (data.frames as unknown[]) : [];
  const pdqs = new Set<string>();
  for (const f of frames) {
    if (typeof f !== 'object' || f === null) continue;
    const { pdq, quality } = f as { pdq?: unknown; quality?: unknown };
    const hex = typeof pdq === 'string' ? parsePdqHex(pdq) : null;
    if (hex && typeof quality === 'number' && quality >= PDQ_MIN_QUALITY) pdqs.add(hex);
  }
  return {
    caseId,
    partId,
    mediaId: typeof data.mediaId === 'string' ? data.mediaId : '',
    pdqs: [...pdqs],
  };
}
