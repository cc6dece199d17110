import { PDQ_WORDS, pdqHexToWords, type PdqHex } from './pdq-hex';

/** Bits set in a 32-bit word (SWAR: no loop, no table, no BigInt). */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance between two 256-bit hashes stored as 8 words each, at the given word offsets. */
export function hammingDistance(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number): number {
  let d = 0;
  for (let w = 0; w < PDQ_WORDS; w++) d += popcount32(((a[aOffset + w] ?? 0) ^ (b[bOffset + w] ?? 0)) >>> 0);
  return d;
}

const scratchA = new Uint32Array(PDQ_WORDS);
const scratchB = new Uint32Array(PDQ_WORDS);

/** Convenience for call sites that hold hex strings; indexes should keep words and use hammingDistance. */
export function hammingDistanceHex(a: PdqHex, b: PdqHex): number {
  return hammingDistance(pdqHexToWords(a, scratchA), 0, pdqHexToWords(b, scratchB), 0);
}
