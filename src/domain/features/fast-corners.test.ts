// The WebAssembly corners must be exactly the JavaScript ones, whatever the plane's width
// (rows that end inside a chunk of 16), contrast and threshold (saturation at 0 and 255).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { fastCorners } from './fast-corners';
import { instantiateFastKernel } from './fast-kernel.wasm';
import type { GreyPlane } from './grey-plane';

const planeArb = fc
  .record({
    width: fc.integer({ min: 45, max: 140 }),
    height: fc.integer({ min: 45, max: 90 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    smooth: fc.boolean(),
    t: fc.constantFrom(2, 3, 6, 12, 40, 250),
  })
  .map(({ width, height, seed, smooth, t }) => {
    let s = seed;
    const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
    const grey = new Uint8Array(width * height);
    for (let i = 0; i < grey.length; i++)
      grey[i] = smooth
        ? Math.max(0, Math.min(255, Math.round(128 + 120 * Math.sin(i / 23) + (next() - 0.5) * 40)))
        : Math.floor(next() * 256);
    const plane: GreyPlane = { width, height, grey };
    return { plane, t };
  });

describe('FAST corners', () => {
  it('finds the same corners with the same scores in WebAssembly as in JavaScript', () => {
    expect(instantiateFastKernel()).not.toBeNull();
    fc.assert(
      fc.property(planeArb, ({ plane, t }) => {
        const simd = fastCorners(plane, t, 22, true);
        const js = fastCorners(plane, t, 22, false);
        expect(simd.corners).toEqual(js.corners);
        expect(Array.from(simd.score)).toEqual(Array.from(js.score));
      }),
      { numRuns: 120 },
    );
  });

  it('finds a bright corner and nothing on a flat plane', () => {
    const width = 64;
    const grey = new Uint8Array(width * width).fill(40);
    // A bright square from (32, 32): its corner pixel has 11 contiguous circle pixels outside it, all darker.
    for (let y = 32; y < 64; y++) for (let x = 32; x < 64; x++) grey[y * width + x] = 200;
    const flat = fastCorners({ width, height: width, grey: new Uint8Array(width * width).fill(40) }, 12, 22);
    expect(flat.corners).toEqual([]);
    const { corners, score } = fastCorners({ width, height: width, grey }, 12, 22);
    expect(corners).toContain(32 * width + 32);
    expect(score[32 * width + 32]).toBeGreaterThan(1);
    expect(corners.every((p) => score[p]! > 0)).toBe(true);
  });
});
