// The WebAssembly block sums must be the JavaScript ones, integer for integer, for every channel count,
// block size and leftover (the last cell row taking the rows past h·factor).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { lumaBlockSums } from './luma-sums';
import { instantiateLumaSumsKernel } from './luma-sums.wasm';
import type { PixelImage } from './pixel-image';

const caseArb = fc
  .record({
    width: fc.integer({ min: 1, max: 90 }),
    height: fc.integer({ min: 1, max: 70 }),
    channels: fc.constantFrom<1 | 3 | 4>(1, 3, 4),
    factor: fc.integer({ min: 1, max: 9 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  })
  .map(({ width, height, channels, factor, seed }) => {
    let s = seed;
    const data = new Uint8Array(width * height * channels).map(() => (s = (s * 48271) % 2147483647) & 255);
    const image: PixelImage = { width, height, channels, data };
    const w = Math.max(1, Math.floor(width / factor));
    const h = Math.max(1, Math.floor(height / factor));
    const bounds = Int32Array.from({ length: w + 1 }, (_, c) => (c === w ? width : c * factor));
    return { image, layout: { y0: 0, y1: height, factor, h, bounds } };
  });

describe('luma block sums', () => {
  it('are the same in WebAssembly as in JavaScript', () => {
    expect(instantiateLumaSumsKernel()).not.toBeNull();
    fc.assert(
      fc.property(caseArb, ({ image, layout }) => {
        expect(Array.from(lumaBlockSums(image, layout, true))).toEqual(
          Array.from(lumaBlockSums(image, layout, false)),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('add up a picture that goes through the kernel in bands, a block straddling two of them', () => {
    // 3,000 × 600 RGB is 5.4 MB: two bands of rows (466 and 134), and blocks of 7 rows.
    const [width, height, factor] = [3000, 600, 7];
    const data = new Uint8Array(width * height * 3).map((_, i) => (i * 2654435761) >>> 24);
    const image: PixelImage = { width, height, channels: 3, data };
    const w = Math.floor(width / factor);
    const h = Math.floor(height / factor);
    const bounds = Int32Array.from({ length: w + 1 }, (_, c) => (c === w ? width : c * factor));
    const layout = { y0: 0, y1: height, factor, h, bounds };
    expect(Array.from(lumaBlockSums(image, layout, true))).toEqual(
      Array.from(lumaBlockSums(image, layout, false)),
    );
  });

  it('weigh a pixel 77R + 150G + 29B, and a grey pixel 256 times its value', () => {
    const layout = { y0: 0, y1: 1, factor: 1, h: 1, bounds: Int32Array.of(0, 2) };
    const rgb: PixelImage = { width: 2, height: 1, channels: 3, data: Uint8Array.of(1, 2, 3, 10, 0, 0) };
    expect(Array.from(lumaBlockSums(rgb, layout))).toEqual([77 + 300 + 87 + 770]);
    const grey: PixelImage = { width: 2, height: 1, channels: 1, data: Uint8Array.of(1, 2) };
    expect(Array.from(lumaBlockSums(grey, layout))).toEqual([768]);
  });
});
