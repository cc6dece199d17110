// The SIMD Gaussian must give the JavaScript one's float32s to the bit, at every size: rows shorter
// than the 7 taps, odd widths (the last pair's second lane), a single row or column.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { instantiateGaussianKernel } from './gaussian-kernel.wasm';
import { gaussian7, gaussian7Js } from './gaussian';

describe('Gaussian kernel', () => {
  it('smooths exactly as the JavaScript loops do', () => {
    expect(instantiateGaussianKernel([1, 2, 3, 4, 3, 2, 1])).not.toBeNull();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (width, height, seed) => {
          let s = seed;
          const grey = new Uint8Array(width * height).map(() => (s = (s * 48271) % 2147483647) & 255);
          const plane = { width, height, grey };
          expect(Array.from(gaussian7(plane))).toEqual(Array.from(gaussian7Js(plane)));
        },
      ),
      { numRuns: 150 },
    );
  });
});
