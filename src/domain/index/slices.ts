import { popcount32 } from '../hashing/hamming';
import { PDQ_WORDS } from '../hashing/pdq-hex';

/**
 * The slicing shared by the multi-index hash table and the all-pairs join.
 *
 * Invariant (pigeonhole, twice): a 256-bit hash is 8 words of 32 bits, each word 2 slices of 16 bits
 * (16 slices). If two hashes are within distance d, then some word differs in at most
 * W = floor(d / 8) bits, and within that word some slice differs in at most t = floor(W / 2) =
 * floor(d / 16) bits. So every match is found by probing, in each slice, the keys within t bits of the
 * query's key, and then keeping only candidates whose containing word is within W bits. A candidate
 * that fails the word filter in one slice may still be found through another slice; never mark it seen
 * before it passes.
 */
export const SLICE_BITS = 16;
export const SLICE_COUNT = (PDQ_WORDS * 32) / SLICE_BITS;
export const SLICE_KEYS = 1 << SLICE_BITS;

export function sliceRadius(radius: number): number {
  return Math.floor(radius / SLICE_BITS);
}

export function wordRadius(radius: number): number {
  return Math.floor(radius / 8);
}

/** The word a slice lives in. */
export function sliceWord(slice: number): number {
  return slice >> 1;
}

/** Shift that brings the slice's 16 bits down: even slices are a word's high half. */
export function sliceShift(slice: number): number {
  return slice & 1 ? 0 : 16;
}

export function sliceKey(words: Uint32Array, offset: number, slice: number): number {
  return (words[offset + sliceWord(slice)]! >>> sliceShift(slice)) & 0xffff;
}

/** Bits set in every 16-bit value: the join's inner loop reads this instead of counting. */
export const POPCOUNT16 = (() => {
  const table = new Uint8Array(SLICE_KEYS);
  for (let v = 1; v < SLICE_KEYS; v++) table[v] = (v & 1) + table[v >> 1]!;
  return table;
})();

const masksByRadius: Int32Array[] = [];

/** Every 16-bit XOR mask of weight 0..t, lightest first. */
export function probeMasks(t: number): Int32Array {
  const r = Math.max(0, Math.min(SLICE_BITS, t));
  let masks = masksByRadius[r];
  if (!masks) {
    const list: number[] = [];
    for (let v = 0; v < SLICE_KEYS; v++) if (POPCOUNT16[v]! <= r) list.push(v);
    list.sort((a, b) => POPCOUNT16[a]! - POPCOUNT16[b]! || a - b);
    masks = Int32Array.from(list);
    masksByRadius[r] = masks;
  }
  return masks;
}

/** Hamming distance that stops counting once it passes `limit` (returns a value > limit then). */
export function distanceUpTo(
  a: Uint32Array,
  aOffset: number,
  b: Uint32Array,
  bOffset: number,
  limit: number,
): number {
  let d = 0;
  for (let w = 0; w < PDQ_WORDS; w++) {
    d += popcount32((a[aOffset + w]! ^ b[bOffset + w]!) >>> 0);
    if (d > limit) return d;
  }
  return d;
}

/**
 * True when slice `slice` is the first slice through which the pair qualifies (slice within t and its
 * word within W), so a join that visits every slice reports each pair exactly once.
 */
export function isFirstQualifyingSlice(
  a: Uint32Array,
  aOffset: number,
  b: Uint32Array,
  bOffset: number,
  slice: number,
  t: number,
  wordLimit: number,
): boolean {
  for (let s = 0; s < slice; s++) {
    const w = sliceWord(s);
    const x = (a[aOffset + w]! ^ b[bOffset + w]!) >>> 0;
    if (popcount32(x) <= wordLimit && POPCOUNT16[(x >>> sliceShift(s)) & 0xffff]! <= t) return false;
  }
  return true;
}
