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
 * The kernel's rows of four lanes (nearest, first and second, four of each) as one triple per row:
 * the nearest of all, on a tie the lower index (the first a scan in order meets), and the runner-up:
 * the least of the other lanes' firsts and of every lane's second.
 */
function mergeLanes(rows: Int32Array): Int32Array {
  const out = new Int32Array((rows.length / 12) * 3);
  for (let r = 0, o = 0; r < rows.length; r += 12, o += 3) {
    let best = -1;
    let first = 257;
    let second = 257;
    for (let l = 0; l < 4; l++) {
      const j = rows[r + l]!;
      const d = rows[r + 4 + l]!;
      if (d < first || (d === first && j < best)) {
        second = first;
        first = d;
        best = j;
      } else if (d < second) second = d;
    }
    for (let l = 0; l < 4; l++) second = Math.min(second, rows[r + 8 + l]!);
    out[o] = best;
    out[o + 1] = first;
    out[o + 2] = second;
  }
  return out;
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
    const padded = Math.ceil(nb / 4) * 4;
    const bAt = a.length * 4;
    const aOut = bAt + padded * DESCRIPTOR_WORDS * 4;
    const bOut = aOut + na * 48;
    const memory = ensureMemory(kernel.memory, bOut + padded * 12);
    new Uint32Array(memory, 0, a.length).set(a);
    new Uint32Array(memory, bAt, b.length).set(b);
    const sides = new Int32Array(memory, bOut, padded * 3);
    sides.fill(-1, 0, padded).fill(257, padded);
    kernel.nearest(0, na, bAt, nb, aOut, bOut);
    const ofB = new Int32Array(nb * 3);
    for (let j = 0; j < nb; j++) {
      ofB[j * 3] = sides[j]!;
      ofB[j * 3 + 1] = sides[padded + j]!;
      ofB[j * 3 + 2] = sides[2 * padded + j]!;
    }
    return { ofA: mergeLanes(new Int32Array(memory, aOut, na * 12)), ofB };
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

/**
 * Whether at least `enough` of every `step`-th descriptor of a pass the one-way ratio test against b
 * (nearest within maxDistance, and clearly nearer than the runner-up): a quick look before the full,
 * two-way matching (verify-pair.ts), cheap enough for the many candidate pairs that are unrelated.
 * In the kernel's one-way pass where there is one, else in JavaScript, which stops at the `enough`-th;
 * the same distances, so the same answer either way.
 */
export function enoughMatchOneWay(
  a: Uint32Array,
  b: Uint32Array,
  step: number,
  enough: number,
  options: MatchOptions = MATCH_DEFAULTS,
): boolean {
  if (enough <= 0) return true;
  const passes = (first: number, second: number) =>
    first <= options.maxDistance && first <= options.ratio * second;
  const na = a.length / DESCRIPTOR_WORDS;
  const nb = b.length / DESCRIPTOR_WORDS;
  const probes = Math.ceil(na / step);
  kernel ??= instantiateHammingKernel();
  if (kernel) {
    const bAt = probes * DESCRIPTOR_WORDS * 4;
    const out = bAt + Math.ceil(nb / 4) * 4 * DESCRIPTOR_WORDS * 4;
    const memory = ensureMemory(kernel.memory, out + probes * 48);
    const words = new Uint32Array(memory, 0, probes * DESCRIPTOR_WORDS);
    for (let k = 0; k < probes; k++)
      words.set(
        a.subarray(k * step * DESCRIPTOR_WORDS, (k * step + 1) * DESCRIPTOR_WORDS),
        k * DESCRIPTOR_WORDS,
      );
    new Uint32Array(memory, bAt, b.length).set(b);
    kernel.nearestOneWay(0, probes, bAt, nb, out);
    const triples = mergeLanes(new Int32Array(memory, out, probes * 12));
    let passed = 0;
    for (let o = 0; o < triples.length; o += 3)
      if (passes(triples[o + 1]!, triples[o + 2]!) && ++passed >= enough) return true;
    return false;
  }
  let passed = 0;
  for (let i = 0; i < na; i += step) {
    let first = 257;
    let second = 257;
    for (let j = 0; j < nb; j++) {
      const d = hamming256(a, i * DESCRIPTOR_WORDS, b, j * DESCRIPTOR_WORDS);
      if (d < first) {
        second = first;
        first = d;
      } else if (d < second) second = d;
    }
    if (passes(first, second) && ++passed >= enough) return true;
  }
  return false;
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
