import type { PdqHex } from './pdq-hex';

/**
 * 16x16 coefficients -> 256 bits: bit i·16+j is set when coefficient [i][j] is above the median.
 * The median is the reference's (Torben's) choice for 256 values: the 128th smallest.
 * Text form as the reference prints it: 16-bit word 15 (row 15) first, 4 hex digits per word.
 */
const sorted = new Float32Array(256);

export function coefficientsToHex(c: Float32Array): PdqHex {
  sorted.set(c.subarray(0, 256));
  sorted.sort();
  const median = sorted[127]!;
  let hex = '';
  for (let i = 15; i >= 0; i--) {
    let word = 0;
    for (let j = 0; j < 16; j++) if (c[i * 16 + j]! > median) word |= 1 << j;
    hex += word.toString(16).padStart(4, '0');
  }
  return hex;
}
