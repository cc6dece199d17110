import { PDQ_WORDS } from '../hashing/pdq-hex';
import {
  POPCOUNT16,
  SLICE_COUNT,
  SLICE_KEYS,
  distanceUpTo,
  isFirstQualifyingSlice,
  probeMasks,
  sliceRadius,
  sliceShift,
  sliceWord,
  wordRadius,
} from './slices';

/**
 * All pairs within a radius, for grouping a whole batch at once (the self-join), and a batch against
 * another set (the cross-join, e.g. dihedral variants against originals).
 *
 * Same invariant as the multi-index hash table (slices.ts): a pair within d shares, in some slice, keys
 * within floor(d/16) bits, and that slice's word is within floor(d/8) bits. Instead of probing a table
 * per hash, each slice is bucket-sorted once (counting sort on the 16-bit key) and bucket pairs are
 * walked; the other half of the word is copied in bucket order, so the filter reads memory sequentially
 * and only a few candidates in a hundred reach the full distance. Each qualifying pair is reported
 * exactly once: in the first slice through which it qualifies.
 */
export type PairCallback = (a: number, b: number, distance: number) => void;

interface SliceBuckets {
  /** Bucket k is order[range[2k]..range[2k+1]); an absent key has an empty range. Start and end
   * side by side: a neighbouring bucket costs one cache line, not two. */
  readonly range: Int32Array;
  /** The keys present, ascending. */
  present: Int32Array;
  presentCount: number;
  /** Hash numbers in bucket order. */
  order: Int32Array;
  /** The other 16 bits of the slice's word, in bucket order. */
  other: Uint16Array;
  keys: Uint16Array;
}

function newBuckets(count: number): SliceBuckets {
  return {
    range: new Int32Array(2 * SLICE_KEYS),
    present: new Int32Array(Math.min(count, SLICE_KEYS)),
    presentCount: 0,
    order: new Int32Array(count),
    other: new Uint16Array(count),
    keys: new Uint16Array(count),
  };
}

/** Bucket-sorts the hashes on one slice's key (counting sort; a comparison sort for small sets). */
function bucketSlice(words: Uint32Array, count: number, slice: number, b: SliceBuckets): void {
  for (let i = 0; i < b.presentCount; i++) {
    const k = b.present[i]!;
    b.range[2 * k] = 0;
    b.range[2 * k + 1] = 0;
  }
  const w = sliceWord(slice);
  const shift = sliceShift(slice);
  const otherShift = 16 - shift;
  const { keys, order, other, range } = b;
  for (let i = 0; i < count; i++) keys[i] = (words[i * PDQ_WORDS + w]! >>> shift) & 0xffff;
  if (count >= 8192) {
    // Counting sort; the scatter pass also writes the other halves, and the bucket ranges come from
    // the counts, so no pass reads the hashes in bucket (random) order.
    const cursor = new Int32Array(SLICE_KEYS + 1);
    for (let i = 0; i < count; i++) cursor[keys[i]! + 1]!++;
    let presentCount = 0;
    for (let k = 0; k < SLICE_KEYS; k++) {
      const size = cursor[k + 1]!;
      cursor[k + 1] = cursor[k]! + size;
      if (size > 0) {
        b.present[presentCount++] = k;
        range[2 * k] = cursor[k]!;
        range[2 * k + 1] = cursor[k + 1]!;
      }
    }
    for (let i = 0; i < count; i++) {
      const at = cursor[keys[i]!]!++;
      order[at] = i;
      other[at] = (words[i * PDQ_WORDS + w]! >>> otherShift) & 0xffff;
    }
    b.presentCount = presentCount;
    return;
  }
  for (let i = 0; i < count; i++) order[i] = i;
  order.subarray(0, count).sort((x, y) => keys[x]! - keys[y]! || x - y);
  let presentCount = 0;
  for (let p = 0; p < count; p++) {
    const i = order[p]!;
    const k = keys[i]!;
    other[p] = (words[i * PDQ_WORDS + w]! >>> otherShift) & 0xffff;
    if (p === 0 || keys[order[p - 1]!] !== k) {
      b.present[presentCount++] = k;
      range[2 * k] = p;
    }
    range[2 * k + 1] = p + 1;
  }
  b.presentCount = presentCount;
}

function checkPair(
  words: Uint32Array,
  i: number,
  j: number,
  radius: number,
  slice: number,
  t: number,
  wordLimit: number,
  onPair: PairCallback,
): void {
  const a = i < j ? i : j;
  const b = i < j ? j : i;
  const d = distanceUpTo(words, a * PDQ_WORDS, words, b * PDQ_WORDS, radius);
  if (d <= radius && isFirstQualifyingSlice(words, a * PDQ_WORDS, words, b * PDQ_WORDS, slice, t, wordLimit))
    onPair(a, b, d);
}

/** Every unordered pair (a < b) of the `count` hashes in `words` within `radius`, each reported once. */
export function forEachPairWithinRadius(
  words: Uint32Array,
  count: number,
  radius: number,
  onPair: PairCallback,
): void {
  if (radius < 0 || count < 2) return;
  const t = sliceRadius(radius);
  const wordLimit = wordRadius(radius);
  const masks = probeMasks(t);
  const buckets = newBuckets(count);
  for (let s = 0; s < SLICE_COUNT; s++) {
    bucketSlice(words, count, s, buckets);
    joinSlice(words, buckets, masks, radius, s, t, wordLimit, onPair);
  }
}

// Kept free of closures: captured variables would live in a heap context and slow the inner loop.
function joinSlice(
  words: Uint32Array,
  buckets: SliceBuckets,
  masks: Int32Array,
  radius: number,
  s: number,
  t: number,
  wordLimit: number,
  onPair: PairCallback,
): void {
  const pop = POPCOUNT16;
  const { range, order, other, present } = buckets;
  // Little-endian pairs: lane 0 (low 16 bits) is other[2q], lane 1 is other[2q + 1].
  const pairs = new Uint32Array(other.buffer, other.byteOffset, other.length >> 1);
  const presentCount = buckets.presentCount;
  for (let n = 0; n < presentCount; n++) {
    const k = present[n]!;
    const a0 = range[2 * k]!;
    const a1 = range[2 * k + 1]!;
    // Same bucket: slice distance 0.
    for (let p = a0; p < a1; p++) {
      const op = other[p]!;
      for (let q = p + 1; q < a1; q++)
        if (pop[op ^ other[q]!]! <= wordLimit)
          checkPair(words, order[p]!, order[q]!, radius, s, t, wordLimit, onPair);
    }
    // Neighbouring buckets, each unordered bucket pair once (k2 > k).
    for (let m = 1; m < masks.length; m++) {
      const mask = masks[m]!;
      const k2 = k ^ mask;
      if (k2 < k) continue;
      const b0 = range[2 * k2]!;
      const b1 = range[2 * k2 + 1]!;
      if (b0 === b1) continue;
      const limit = wordLimit - pop[mask]!;
      if (limit < 0) continue;
      // Two candidates per step: the other halves read as 32-bit pairs, counted lane by lane.
      const q0 = (b0 + 1) & ~1;
      const q1 = b1 & ~1;
      for (let p = a0; p < a1; p++) {
        const op = other[p]!;
        if (b0 < q0 && pop[op ^ other[b0]!]! <= limit)
          checkPair(words, order[p]!, order[b0]!, radius, s, t, wordLimit, onPair);
        const op2 = (op | (op << 16)) >>> 0;
        for (let q = q0 >> 1, end = q1 >> 1; q < end; q++) {
          let x = (pairs[q]! ^ op2) >>> 0;
          x -= (x >>> 1) & 0x55555555;
          x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
          x = (x + (x >>> 4)) & 0x0f0f0f0f;
          x = (x + (x >>> 8)) & 0x001f001f;
          if ((x & 0xffff) <= limit)
            checkPair(words, order[p]!, order[2 * q]!, radius, s, t, wordLimit, onPair);
          if (x >>> 16 <= limit)
            checkPair(words, order[p]!, order[2 * q + 1]!, radius, s, t, wordLimit, onPair);
        }
        if (q1 < b1 && q1 >= q0 && pop[op ^ other[q1]!]! <= limit)
          checkPair(words, order[p]!, order[q1]!, radius, s, t, wordLimit, onPair);
      }
    }
  }
}

/**
 * Every pair (a from `left`, b from `right`) within `radius`, each reported once. Used to match the
 * dihedral variants of a batch against the originals of the same or another set.
 */
export function forEachCrossPairWithinRadius(
  left: Uint32Array,
  leftCount: number,
  right: Uint32Array,
  rightCount: number,
  radius: number,
  onPair: PairCallback,
): void {
  if (radius < 0 || leftCount === 0 || rightCount === 0) return;
  const t = sliceRadius(radius);
  const wordLimit = wordRadius(radius);
  const masks = probeMasks(t);
  const L = newBuckets(leftCount);
  const R = newBuckets(rightCount);
  for (let s = 0; s < SLICE_COUNT; s++) {
    bucketSlice(left, leftCount, s, L);
    bucketSlice(right, rightCount, s, R);
    for (let n = 0; n < L.presentCount; n++) {
      const k = L.present[n]!;
      const a0 = L.range[2 * k]!;
      const a1 = L.range[2 * k + 1]!;
      for (let m = 0; m < masks.length; m++) {
        const mask = masks[m]!;
        const k2 = k ^ mask;
        const b0 = R.range[2 * k2]!;
        const b1 = R.range[2 * k2 + 1]!;
        if (b0 === b1) continue;
        const limit = wordLimit - POPCOUNT16[mask]!;
        if (limit < 0) continue;
        for (let p = a0; p < a1; p++) {
          const op = L.other[p]!;
          for (let q = b0; q < b1; q++) {
            if (POPCOUNT16[op ^ R.other[q]!]! > limit) continue;
            const i = L.order[p]!;
            const j = R.order[q]!;
            const d = distanceUpTo(left, i * PDQ_WORDS, right, j * PDQ_WORDS, radius);
            if (
              d <= radius &&
              isFirstQualifyingSlice(left, i * PDQ_WORDS, right, j * PDQ_WORDS, s, t, wordLimit)
            )
              onPair(i, j, d);
          }
        }
      }
    }
  }
}
