import { popcount32 } from '../hashing/hamming';
import { PDQ_WORDS } from '../hashing/pdq-hex';
import { sortMatches, toHashWords, type HashIndex, type HashInput, type HashMatch } from './hash-index';
import {
  SLICE_COUNT,
  SLICE_KEYS,
  distanceUpTo,
  probeMasks,
  sliceKey,
  sliceRadius,
  sliceShift,
  sliceWord,
  wordRadius,
} from './slices';

export interface QueryBounds {
  /** Stored hashes examined at most (each costs a word check, some a full distance). */
  readonly maxCandidates: number;
  /** Hits returned at most. */
  readonly maxMatches: number;
}

const UNBOUNDED: QueryBounds = { maxCandidates: Infinity, maxMatches: Infinity };

/**
 * Multi-index hashing (Norouzi et al.) for 256-bit hashes, exact.
 *
 * Invariant: two hashes within distance d agree within floor(d/m) bits on at least one of m slices.
 * Here m = 16 slices of 16 bits, each with its own table (key -> chain of slots), and a second
 * pigeonhole on the 8 words prunes candidates before the full distance (see slices.ts). So a query
 * within d returns exactly what the linear scan returns: it probes, in every slice, each key within
 * floor(d/16) bits of the query's key.
 *
 * Chains are linked lists in typed arrays (head per key, next per slot and slice), so add is O(16) and
 * the index grows without rebuilding. Remove marks the slot dead; dead slots are compacted away when
 * they outnumber the live ones.
 */
export class MultiIndexHashIndex<Id> implements HashIndex<Id> {
  private capacity = 0;
  private used = 0;
  private dead = 0;
  private words = new Uint32Array(0);
  private next = new Int32Array(0);
  private live = new Uint8Array(0);
  private seen = new Uint32Array(0);
  private stamp = 0;
  private ids: (Id | undefined)[] = [];
  private readonly heads = new Int32Array(SLICE_COUNT * SLICE_KEYS).fill(-1);
  private readonly slotOf = new Map<Id, number>();

  constructor(initialCapacity = 1024) {
    this.grow(Math.max(16, initialCapacity));
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: Id): boolean {
    return this.slotOf.has(id);
  }

  add(id: Id, hash: HashInput): void {
    const words = toHashWords(hash);
    this.remove(id);
    if (this.used === this.capacity) this.grow(this.capacity * 2);
    const slot = this.used++;
    const offset = slot * PDQ_WORDS;
    for (let w = 0; w < PDQ_WORDS; w++) this.words[offset + w] = words[w]!;
    this.ids[slot] = id;
    this.live[slot] = 1;
    this.slotOf.set(id, slot);
    for (let s = 0; s < SLICE_COUNT; s++) {
      const head = s * SLICE_KEYS + sliceKey(this.words, offset, s);
      this.next[slot * SLICE_COUNT + s] = this.heads[head]!;
      this.heads[head] = slot;
    }
  }

  remove(id: Id): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.live[slot] = 0;
    this.ids[slot] = undefined;
    this.dead++;
    if (this.dead > 1024 && this.dead > this.slotOf.size) this.compact();
    return true;
  }

  queryWithinRadius(hash: HashInput, radius: number): HashMatch<Id>[] {
    return this.queryBounded(hash, radius, UNBOUNDED).matches;
  }

  /**
   * As queryWithinRadius, but doing at most `bounds.maxCandidates` distance checks and stopping at
   * `bounds.maxMatches` hits, so one query's cost is bounded whatever the index holds (a server
   * answering an untrusted client: thousands of stored copies of one hash, or hashes crafted to share
   * slices with a query). `complete` is false when a bound cut the search short; the matches found
   * are then a subset of the exact answer (never a wrong match).
   */
  queryBounded(
    hash: HashInput,
    radius: number,
    bounds: QueryBounds,
  ): { matches: HashMatch<Id>[]; complete: boolean } {
    const q = toHashWords(hash);
    const out: { id: Id; distance: number; slot: number }[] = [];
    if (radius < 0) return { matches: [], complete: true };
    let budget = bounds.maxCandidates;
    const full = () => out.length >= bounds.maxMatches || budget <= 0;
    const t = sliceRadius(radius);
    const masks = probeMasks(t);
    // Probing every key of a wide radius costs more than reading every slot: scan instead.
    if (masks.length * SLICE_COUNT >= this.used || radius >= 128) {
      let slot = 0;
      for (; slot < this.used && !full(); slot++, budget--) this.consider(q, slot, radius, out);
      return { matches: sortMatches(out), complete: slot >= this.used };
    }
    const wordLimit = wordRadius(radius);
    const stamp = this.nextStamp();
    const { heads, next, words, seen } = this;
    let cut = false;
    probing: for (let s = 0; s < SLICE_COUNT; s++) {
      const w = sliceWord(s);
      const qw = q[w]!;
      const key = (qw >>> sliceShift(s)) & 0xffff;
      const base = s * SLICE_KEYS;
      for (let m = 0; m < masks.length; m++) {
        for (let slot = heads[base + (key ^ masks[m]!)]!; slot !== -1; slot = next[slot * SLICE_COUNT + s]!) {
          if (full()) {
            cut = true;
            break probing;
          }
          budget--;
          if (popcount32((qw ^ words[slot * PDQ_WORDS + w]!) >>> 0) > wordLimit) continue;
          if (seen[slot] === stamp) continue;
          seen[slot] = stamp;
          this.consider(q, slot, radius, out);
        }
      }
    }
    return { matches: sortMatches(out), complete: !cut };
  }

  nearest(hash: HashInput, k: number): HashMatch<Id>[] {
    if (k <= 0) return [];
    const q = toHashWords(hash);
    // Exact at each radius, so once k entries lie within r, the k closest are among them.
    for (const radius of [15, 31, 47, 63]) {
      const hits = this.queryWithinRadius(q, radius);
      if (hits.length >= k) return hits.slice(0, k);
    }
    return this.queryWithinRadius(q, 256).slice(0, k);
  }

  private consider(
    q: Uint32Array,
    slot: number,
    radius: number,
    out: { id: Id; distance: number; slot: number }[],
  ): void {
    if (!this.live[slot]) return;
    const distance = distanceUpTo(q, 0, this.words, slot * PDQ_WORDS, radius);
    if (distance <= radius) out.push({ id: this.ids[slot] as Id, distance, slot });
  }

  private nextStamp(): number {
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  private grow(capacity: number): void {
    const words = new Uint32Array(capacity * PDQ_WORDS);
    words.set(this.words);
    const next = new Int32Array(capacity * SLICE_COUNT);
    next.set(this.next);
    const live = new Uint8Array(capacity);
    live.set(this.live);
    this.words = words;
    this.next = next;
    this.live = live;
    this.seen = new Uint32Array(capacity);
    this.stamp = 0;
    this.capacity = capacity;
  }

  /** Rebuilds the chains from the live slots, in their old order (so result order is unchanged). */
  private compact(): void {
    const entries: { id: Id; words: Uint32Array }[] = [];
    for (let slot = 0; slot < this.used; slot++) {
      if (!this.live[slot]) continue;
      entries.push({
        id: this.ids[slot] as Id,
        words: this.words.slice(slot * PDQ_WORDS, (slot + 1) * PDQ_WORDS),
      });
    }
    this.heads.fill(-1);
    this.live.fill(0);
    this.slotOf.clear();
    this.ids = [];
    this.used = 0;
    this.dead = 0;
    for (const e of entries) this.add(e.id, e.words);
  }
}
