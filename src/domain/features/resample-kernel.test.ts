// The WebAssembly resample must give the JavaScript one's bytes at every size and ratio: down and up,
// one pixel wide, odd widths (the last pair's second lane), and rounding's halves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { resample } from './grey-plane';
import { instantiateResampleKernel } from './resample-kernel.wasm';

describe('resample kernel', () => {
  it('resamples exactly as the JavaScript loops do', () => {
    expect(instantiateResampleKernel()).not.toBeNull();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0.05, max: 1.6, noNaN: true }),
        fc.double({ min: 0.05, max: 1.6, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (width, height, fx, fy, seed) => {
          let s = seed;
          const grey = new Uint8Array(width * height).map(() => (s = (s * 48271) % 2147483647) & 255);
          const src = { width, height, grey };
          const w = Math.max(1, Math.round(width * fx));
          const h = Math.max(1, Math.round(height * fy));
          expect(Array.from(resample(src, w, h, true).grey)).toEqual(
            Array.from(resample(src, w, h, false).grey),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rounds halves up, as Math.round does', () => {
    // Two pixels 0 and 1 averaged to one: 0.5, which Math.round takes to 1.
    const half = resample({ width: 2, height: 1, grey: Uint8Array.of(0, 1) }, 1, 1);
    expect(Array.from(half.grey)).toEqual([1]);
    const below = resample({ width: 2, height: 1, grey: Uint8Array.of(0, 0) }, 1, 1);
    expect(Array.from(below.grey)).toEqual([0]);
  });
});
