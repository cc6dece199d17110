import { DESCRIPTOR_WORDS } from './brief-pattern';

/**
 * Correspondences between two descriptor sets: pairs that are each other's nearest neighbour by
 * Hamming distance, clearly nearer than the runner-up on both sides (Lowe's ratio test, both ways),
 * and within `maxDistance` of 256 bits. Symmetric by construction: swapping the sets swaps the pairs.
 */
export interface MatchOptions {
  readonly maxDistance: number;
  readonly ratio: number;
}

export const MATCH_DEFAULTS: MatchOptions = { maxDistance: 80, ratio: 0.85 };

/** Set bits of a 32-bit word (SWAR: faster in JS than table lookups). */
function popcount32(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function hamming256(a: Uint32Array, ia: number, b: Uint32Array, ib: number): number {
  let d = 0;
  for (let k = 0; k < DESCRIPTOR_WORDS; k++) d += popcount32(a[ia + k]! ^ b[ib + k]!);
  return d;
}

type Eight = [number, number, number, number, number, number, number, number];

/** Pairs as [indexInA, indexInB, distance] triples, flat, ordered by indexInA. */
export function matchDescriptors(
  a: Uint32Array,
  b: Uint32Array,
  options: MatchOptions = MATCH_DEFAULTS,
): Int32Array {
  const na = a.length / DESCRIPTOR_WORDS;
  const nb = b.length / DESCRIPTOR_WORDS;
  const bestA = new Int32Array(na).fill(-1);
  const best1A = new Int32Array(na).fill(257);
  const best2A = new Int32Array(na).fill(257);
  const bestB = new Int32Array(nb).fill(-1);
  const best1B = new Int32Array(nb).fill(257);
  const best2B = new Int32Array(nb).fill(257);
  for (let i = 0; i < na; i++) {
    // The hot loop (na x nb, ~250k per pair): a's words in locals, b's read in one run.
    const ia = i * DESCRIPTOR_WORDS;
    const [a0, a1, a2, a3, a4, a5, a6, a7] = a.subarray(ia, ia + DESCRIPTOR_WORDS) as unknown as Eight;
    for (let j = 0, jb = 0; j < nb; j++, jb += DESCRIPTOR_WORDS) {
      const d =
        popcount32(a0 ^ b[jb]!) +
        popcount32(a1 ^ b[jb + 1]!) +
        popcount32(a2 ^ b[jb + 2]!) +
        popcount32(a3 ^ b[jb + 3]!) +
        popcount32(a4 ^ b[jb + 4]!) +
        popcount32(a5 ^ b[jb + 5]!) +
        popcount32(a6 ^ b[jb + 6]!) +
        popcount32(a7 ^ b[jb + 7]!);
      if (d < best1A[i]!) {
        best2A[i] = best1A[i]!;
        best1A[i] = d;
        bestA[i] = j;
      } else if (d < best2A[i]!) best2A[i] = d;
      if (d < best1B[j]!) {
        best2B[j] = best1B[j]!;
        best1B[j] = d;
        bestB[j] = i;
      } else if (d < best2B[j]!) best2B[j] = d;
    }
  }
  const out: number[] = [];
  for (let i = 0; i < na; i++) {
    const j = bestA[i]!;
    if (j < 0 || bestB[j] !== i) continue;
    const d = best1A[i]!;
    if (d > options.maxDistance) continue;
    if (d > options.ratio * best2A[i]! || d > options.ratio * best2B[j]!) continue;
    out.push(i, j, d);
  }
  return Int32Array.from(out);
}
