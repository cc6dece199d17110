import { ensureMemory } from '../hashing/wasm-emitter';
import { DESCRIPTOR_WORDS } from './brief-pattern';
import { instantiateHammingKernel, type HammingKernel } from './hamming-kernel.wasm';

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

let kernel: HammingKernel | null | undefined;

/** Every triple (nearest, first, second) as "nothing seen yet": -1, 257, 257. */
function noneYet(triples: Int32Array): Int32Array {
  for (let o = 0; o < triples.length; o += 3) {
    triples[o] = -1;
    triples[o + 1] = 257;
    triples[o + 2] = 257;
  }
  return triples;
}

/**
 * Per descriptor of a, then of b, three numbers: its nearest in the other set (-1: none), the
 * distance to it and to the second nearest (257: none). From the WebAssembly SIMD kernel where there is
 * one (bench:hash signals), else in JavaScript; the same numbers either way.
 */
function nearestBothWays(a: Uint32Array, b: Uint32Array): { ofA: Int32Array; ofB: Int32Array } {
  const na = a.length / DESCRIPTOR_WORDS;
  const nb = b.length / DESCRIPTOR_WORDS;
  kernel ??= instantiateHammingKernel();
  if (kernel) {
    const bAt = a.length * 4;
    const aOut = bAt + b.length * 4;
    const bOut = aOut + na * 12;
    const need = bOut + nb * 12;
    const memory = ensureMemory(kernel.memory, need);
    new Uint32Array(memory, 0, a.length).set(a);
    new Uint32Array(memory, bAt, b.length).set(b);
    noneYet(new Int32Array(memory, bOut, nb * 3));
    kernel.nearest(0, na, bAt, nb, aOut, bOut);
    return {
      ofA: new Int32Array(memory, aOut, na * 3).slice(),
      ofB: new Int32Array(memory, bOut, nb * 3).slice(),
    };
  }
  const ofA = new Int32Array(na * 3);
  const ofB = noneYet(new Int32Array(nb * 3));
  for (let i = 0; i < na; i++) {
    // The hot loop (na x nb, ~250k per pair): a's words in locals, b's read in one run. Strict <:
    // ties keep the lower index, on both sides.
    const ia = i * DESCRIPTOR_WORDS;
    const [a0, a1, a2, a3, a4, a5, a6, a7] = a.subarray(ia, ia + DESCRIPTOR_WORDS) as unknown as Eight;
    let best = -1;
    let first = 257;
    let second = 257;
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
      if (d < first) {
        second = first;
        first = d;
        best = j;
      } else if (d < second) second = d;
      const o = j * 3;
      if (d < ofB[o + 1]!) {
        ofB[o + 2] = ofB[o + 1]!;
        ofB[o + 1] = d;
        ofB[o] = i;
      } else if (d < ofB[o + 2]!) ofB[o + 2] = d;
    }
    ofA[i * 3] = best;
    ofA[i * 3 + 1] = first;
    ofA[i * 3 + 2] = second;
  }
  return { ofA, ofB };
}

/** Pairs as [indexInA, indexInB, distance] triples, flat, ordered by indexInA. */
export function matchDescriptors(
  a: Uint32Array,
  b: Uint32Array,
  options: MatchOptions = MATCH_DEFAULTS,
): Int32Array {
  const { ofA, ofB } = nearestBothWays(a, b);
  const out: number[] = [];
  for (let i = 0; i < ofA.length / 3; i++) {
    const j = ofA[i * 3]!;
    if (j < 0 || ofB[j * 3] !== i) continue;
    const d = ofA[i * 3 + 1]!;
    if (d > options.maxDistance) continue;
    if (d > options.ratio * ofA[i * 3 + 2]! || d > options.ratio * ofB[j * 3 + 2]!) continue;
    out.push(i, j, d);
  }
  return Int32Array.from(out);
}
