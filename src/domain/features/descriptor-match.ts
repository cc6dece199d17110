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

const POP16 = (() => {
  const t = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) t[i] = (i & 1) + t[i >> 1]!;
  return t;
})();

export function hamming256(a: Uint32Array, ia: number, b: Uint32Array, ib: number): number {
  let d = 0;
  for (let k = 0; k < DESCRIPTOR_WORDS; k++) {
    const x = a[ia + k]! ^ b[ib + k]!;
    d += POP16[x & 0xffff]! + POP16[x >>> 16]!;
  }
  return d;
}

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
    const ia = i * DESCRIPTOR_WORDS;
    for (let j = 0; j < nb; j++) {
      const d = hamming256(a, ia, b, j * DESCRIPTOR_WORDS);
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
