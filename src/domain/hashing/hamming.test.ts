import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { hammingDistanceHex, popcount32 } from './hamming';
import { isPdqHex, parsePdqHex, pdqHexToWords, pdqWordsToHex } from './pdq-hex';

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

function naiveDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 64; i++) {
    let x = Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}

describe('PDQ hex codec and Hamming distance', () => {
  it('round-trips hex through words', () => {
    fc.assert(fc.property(hex64, (hex) => pdqWordsToHex(pdqHexToWords(hex)) === hex));
  });

  it('counts bits like a naive nibble-by-nibble count', () => {
    fc.assert(fc.property(hex64, hex64, (a, b) => hammingDistanceHex(a, b) === naiveDistance(a, b)));
  });

  it('knows the extremes', () => {
    expect(popcount32(0xffffffff)).toBe(32);
    expect(hammingDistanceHex('0'.repeat(64), 'f'.repeat(64))).toBe(256);
  });

  it('parses only 64 hex characters, case-insensitively', () => {
    expect(parsePdqHex(' F8F8F0CEE0F4A84F06370A22038F63F0B36E2ED596621E1D33E6B39C4E9C9B22 ')).toBe(
      'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22',
    );
    expect(parsePdqHex('f8f8')).toBeNull();
    expect(isPdqHex('g'.repeat(64))).toBe(false);
  });
});
