// Labelling by runs must pick the region a pixel-by-pixel flood fill picks: most pixels, the first in
// reading order among equals, 8-connected (diagonal touches join).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { largestRegion } from './largest-region';

function floodFillLargest(set: Uint8Array, w: number, h: number) {
  const label = new Int32Array(w * h).fill(-1);
  let best: { x0: number; y0: number; x1: number; y1: number } | null = null;
  let bestCount = 0;
  for (let start = 0; start < w * h; start++) {
    if (!set[start] || label[start] !== -1) continue;
    const stack = [start];
    label[start] = start;
    let count = 0;
    let [x0, y0, x1, y1] = [w, h, 0, 0];
    while (stack.length > 0) {
      const p = stack.pop()!;
      count++;
      const px = p % w;
      const py = (p - px) / w;
      [x0, y0, x1, y1] = [Math.min(x0, px), Math.min(y0, py), Math.max(x1, px), Math.max(y1, py)];
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const [xx, yy] = [px + dx, py + dy];
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const q = yy * w + xx;
          if (set[q] && label[q] === -1) {
            label[q] = start;
            stack.push(q);
          }
        }
    }
    if (count > bestCount) [bestCount, best] = [count, { x0, y0, x1, y1 }];
  }
  return best;
}

describe('largestRegion', () => {
  it('finds the region a flood fill finds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0.05, max: 0.7, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (w, h, density, seed) => {
          let s = seed;
          const set = new Uint8Array(w * h).map(() =>
            (s = (s * 48271) % 2147483647) / 2147483647 < density ? 1 : 0,
          );
          expect(largestRegion(set, w, h)).toEqual(floodFillLargest(set, w, h));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('joins diagonal neighbours and keeps the first of two equal regions', () => {
    // Two diagonal pixels are one region of 2; the lone pixels after it are regions of 1.
    const set = Uint8Array.of(1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1);
    expect(largestRegion(set, 4, 3)).toEqual({ x0: 0, y0: 0, x1: 1, y1: 1 });
    expect(largestRegion(Uint8Array.of(1, 0, 1), 3, 1)).toEqual({ x0: 0, y0: 0, x1: 0, y1: 0 });
    expect(largestRegion(new Uint8Array(6), 3, 2)).toBeNull();
  });
});
