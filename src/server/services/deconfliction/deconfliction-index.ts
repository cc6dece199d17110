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
export const LOOKUP_BOUNDS = { maxMatches: 64, pdqCandidatesPerQuery: 4096 } as const;

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

const keyOf = (caseId: string, mediaId: string) => `${caseId}\u0000${mediaId}`;

/**
 * Every live media of every case, by exact hash (MD5, SHA-1, SHA-256) and by PDQ (multi-index hashing,
 * exact within the radius). In memory, rebuilt from sync_entities at start and updated after each
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
    if (pdq && this.pdqHolders.add(pdq, media.caseId, slot)) {
      const group = this.freeGroups.pop() ?? this.valueOf.length;
      this.groupOf.set(pdq, group);
      this.valueOf[group] = pdq;
      this.pdq.add(group, pdq);
    }
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
    if (entry.pdq && this.pdqHolders.delete(entry.pdq, caseId, slot)) {
      const group = this.groupOf.get(entry.pdq)!;
      this.groupOf.delete(entry.pdq);
      this.valueOf[group] = undefined;
      this.pdq.remove(group);
      this.freeGroups.push(group);
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
    if ((media.pdqQuality ?? 100) >= PDQ_MIN_QUALITY) {
      const queries = media.pdqDihedral?.length ? media.pdqDihedral : media.pdq ? [media.pdq] : [];
      const bounds: QueryBounds = {
        maxCandidates: LOOKUP_BOUNDS.pdqCandidatesPerQuery,
        maxMatches: LOOKUP_BOUNDS.pdqCandidatesPerQuery,
      };
      for (const raw of queries.slice(0, 8)) {
        const pdq = parsePdqHex(raw);
        if (!pdq) continue;
        const answer = this.pdq.queryBounded(pdq, PDQ_MATCH_RADIUS, bounds);
        if (!answer.complete) complete = false;
        for (const match of answer.matches) {
          const value = this.valueOf[match.id];
          const holders = value ? this.pdqHolders.get(value) : undefined;
          if (holders && !holders.forOthers(media.caseId, hit('pdq'))) complete = false;
        }
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
