import { parsePdqHex } from '../../../domain/hashing/pdq-hex';
import { MultiIndexHashIndex } from '../../../domain/index/mih-index';

/** PDQ distance at or under which two images count as the same picture (ThreatExchange's default). */
export const PDQ_MATCH_RADIUS = 31;
/** Near-blank images hash alike: below this quality a PDQ is kept but never matched on (README). */
export const PDQ_MIN_QUALITY = 50;

export type MatchKind = 'md5' | 'sha1' | 'pdq';

/** What the index knows of one media record: where it lives and its hashes. */
export interface IndexedMedia {
  readonly caseId: string;
  readonly mediaId: string;
  readonly seriesId: string;
  readonly md5?: string | undefined;
  readonly sha1?: string | undefined;
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
  readonly md5: string | undefined;
  readonly sha1: string | undefined;
  /** Seq of the entity state this entry reflects: an older write never replaces a newer one. */
  seq: number;
}

const keyOf = (caseId: string, mediaId: string) => `${caseId}\u0000${mediaId}`;

/** Exact-hash buckets: most hashes are held once, so a lone slot is stored without an array. */
type Buckets = Map<string, number | number[]>;

function addTo(map: Buckets, key: string, slot: number): void {
  const held = map.get(key);
  if (held === undefined) map.set(key, slot);
  else if (typeof held === 'number') map.set(key, [held, slot]);
  else held.push(slot);
}

function removeFrom(map: Buckets, key: string | undefined, slot: number): void {
  if (key === undefined) return;
  const held = map.get(key);
  if (held === undefined) return;
  if (typeof held === 'number') {
    if (held === slot) map.delete(key);
    return;
  }
  const at = held.indexOf(slot);
  if (at >= 0) held.splice(at, 1);
  if (held.length === 1) map.set(key, held[0]!);
}

function slotsOf(map: Buckets, key: string): readonly number[] {
  const held = map.get(key);
  return held === undefined ? [] : typeof held === 'number' ? [held] : held;
}

/**
 * Every live media of every case, by exact hash (MD5, SHA-1) and by PDQ (multi-index hashing, exact
 * within the radius). In memory, rebuilt from sync_entities at start and updated after each commit.
 * Lookups name the other cases' media that match; callers decide what to reveal (notice fields only).
 */
export class DeconflictionIndex {
  private readonly pdq = new MultiIndexHashIndex<number>(1 << 16);
  private readonly md5: Buckets = new Map();
  private readonly sha1: Buckets = new Map();
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
    const md5 = media.md5?.toLowerCase() || undefined;
    const sha1 = media.sha1?.toLowerCase() || undefined;
    this.entries[slot] = {
      caseId: media.caseId,
      mediaId: media.mediaId,
      seriesId: media.seriesId,
      md5,
      sha1,
      seq,
    };
    this.slotOf.set(key, slot);
    if (md5) addTo(this.md5, md5, slot);
    if (sha1) addTo(this.sha1, sha1, slot);
    const pdq = media.pdq ? parsePdqHex(media.pdq) : null;
    if (pdq && (media.pdqQuality ?? 100) >= PDQ_MIN_QUALITY) this.pdq.add(slot, pdq);
  }

  remove(caseId: string, mediaId: string, seq = Number.MAX_SAFE_INTEGER): void {
    const key = keyOf(caseId, mediaId);
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    const entry = this.entries[slot]!;
    if (entry.seq > seq) return;
    this.slotOf.delete(key);
    removeFrom(this.md5, entry.md5, slot);
    removeFrom(this.sha1, entry.sha1, slot);
    this.pdq.remove(slot);
    this.entries[slot] = undefined;
    this.free.push(slot);
  }

  /** Media of cases other than `media.caseId` that match it, each with how. */
  lookup(media: IndexedMedia): IndexHit[] {
    const found = new Map<number, Set<MatchKind>>();
    const hit = (slot: number, kind: MatchKind) => {
      const entry = this.entries[slot];
      if (!entry || entry.caseId === media.caseId) return;
      const kinds = found.get(slot);
      if (kinds) kinds.add(kind);
      else found.set(slot, new Set([kind]));
    };
    const md5 = media.md5?.toLowerCase();
    if (md5) for (const slot of slotsOf(this.md5, md5)) hit(slot, 'md5');
    const sha1 = media.sha1?.toLowerCase();
    if (sha1) for (const slot of slotsOf(this.sha1, sha1)) hit(slot, 'sha1');
    if ((media.pdqQuality ?? 100) >= PDQ_MIN_QUALITY) {
      const queries = media.pdqDihedral?.length ? media.pdqDihedral : media.pdq ? [media.pdq] : [];
      for (const raw of queries) {
        const pdq = parsePdqHex(raw);
        if (!pdq) continue;
        for (const match of this.pdq.queryWithinRadius(pdq, PDQ_MATCH_RADIUS)) hit(match.id, 'pdq');
      }
    }
    return [...found].map(([slot, kinds]) => {
      const entry = this.entries[slot]!;
      return { caseId: entry.caseId, mediaId: entry.mediaId, seriesId: entry.seriesId, kinds };
    });
  }
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
    pdq: text(data.pdq),
    pdqQuality: typeof data.pdqQuality === 'number' ? data.pdqQuality : undefined,
    pdqDihedral: dihedral,
  };
}
