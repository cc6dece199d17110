import { PDQ_WORDS } from '../hashing/pdq-hex';
import { MultiIndexHashIndex } from '../index/mih-index';
import { VPDQ_DISTANCE, VPDQ_MATCH_PERCENT, VPDQ_MIN_QUALITY, type VpdqFeature } from './vpdq-feature';
import { VpdqSignal, type FrameMatch, type VpdqMatchOptions } from './vpdq-match';

/**
 * Matches videos against a list of known videos' vPDQ hashes (one entry per known video), with the
 * same rule as a pairwise comparison (vpdq-match.ts) but without comparing every entry: every known
 * frame sits in one multi-index hash index, so a query only looks at the entries some of its frames
 * hit, then computes q% and c% for those. Exact: the same answers as comparing with each entry.
 */
export interface VpdqListEntry<Id> {
  readonly id: Id;
  readonly features: readonly VpdqFeature[];
}

export interface VpdqListMatch<Id> {
  readonly id: Id;
  readonly queryPercent: number;
  readonly comparedPercent: number;
  readonly isMatch: boolean;
  /** The query's matched frames with the closest frame of the entry (what matched, at what time). */
  readonly frameMatches: readonly FrameMatch[];
}

export class VpdqListMatcher<Id> {
  private readonly entries: { id: Id; signal: VpdqSignal }[] = [];
  private readonly index = new MultiIndexHashIndex<number>();
  /** Index slot -> entry number (slots are numbered across all entries' frames). */
  private readonly entryOfSlot: number[] = [];
  /** Entry number -> its first index slot. */
  private readonly firstSlot: number[] = [];
  private readonly distance: number;
  private readonly minQuality: number;
  private readonly matchPercent: number;

  constructor(entries: Iterable<VpdqListEntry<Id>>, options: VpdqMatchOptions = {}) {
    this.distance = options.distance ?? VPDQ_DISTANCE;
    this.minQuality = options.minQuality ?? VPDQ_MIN_QUALITY;
    this.matchPercent = options.matchPercent ?? VPDQ_MATCH_PERCENT;
    for (const e of entries) {
      const signal = new VpdqSignal(e.features, this.minQuality);
      const n = this.entries.length;
      this.entries.push({ id: e.id, signal });
      this.firstSlot.push(this.entryOfSlot.length);
      for (let i = 0; i < signal.size; i++) {
        this.index.add(this.entryOfSlot.length, signal.words.subarray(i * PDQ_WORDS, (i + 1) * PDQ_WORDS));
        this.entryOfSlot.push(n);
      }
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Entries with a frame within the distance of a still image (any of its hashes: give all 8 dihedral
   * hashes so a turned or mirrored still is found), each with its closest frame. The still's own
   * quality is the caller's to check.
   */
  matchStill(
    hashes: readonly Uint32Array[],
  ): { id: Id; frame: number; timestamp: number; distance: number }[] {
    const best = new Map<number, { slot: number; distance: number }>();
    for (const hash of hashes)
      for (const hit of this.index.queryWithinRadius(hash, this.distance)) {
        const n = this.entryOfSlot[hit.id]!;
        const prev = best.get(n);
        if (!prev || hit.distance < prev.distance) best.set(n, { slot: hit.id, distance: hit.distance });
      }
    return [...best]
      .map(([n, { slot, distance }]) => {
        const { id, signal } = this.entries[n]!;
        const f = signal.features[slot - this.firstSlot[n]!]!;
        return { id, frame: f.frame, timestamp: f.timestamp, distance };
      })
      .sort((a, b) => a.distance - b.distance);
  }

  /** Every entry sharing at least one frame with the query, matches first, then by best percentage. */
  match(features: readonly VpdqFeature[]): VpdqListMatch<Id>[] {
    const query = new VpdqSignal(features, this.minQuality);
    const candidates = new Set<number>();
    for (let i = 0; i < query.size; i++)
      for (const hit of this.index.queryWithinRadius(
        query.words.subarray(i * PDQ_WORDS, (i + 1) * PDQ_WORDS),
        this.distance,
      ))
        candidates.add(this.entryOfSlot[hit.id]!);
    const out: VpdqListMatch<Id>[] = [];
    for (const n of [...candidates].sort((a, b) => a - b)) {
      const { id, signal } = this.entries[n]!;
      const frameMatches = query.matchedFrames(signal, this.distance);
      const queryPercent = (frameMatches.length * 100) / query.size;
      const comparedPercent = (signal.matchedFrames(query, this.distance).length * 100) / signal.size;
      out.push({
        id,
        queryPercent,
        comparedPercent,
        isMatch: Math.max(queryPercent, comparedPercent) >= this.matchPercent,
        frameMatches,
      });
    }
    const best = (m: VpdqListMatch<Id>) => Math.max(m.queryPercent, m.comparedPercent);
    return out.sort((a, b) => Number(b.isMatch) - Number(a.isMatch) || best(b) - best(a));
  }
}
