// The streamed, fused kernel must equal a plain transcription of the reference's steps (five full
// passes, divisions, all in float32) on any image: random sizes, including tiny and lopsided ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { PixelImage } from '../image/pixel-image';
import { jaroszWindow } from './jarosz-box';
import { coefficientsToHex } from './pdq-bits';
import { instantiateDctKernel } from './dct-kernel.wasm';
import { dct64To16 } from './pdq-dct';
import { downsampleLuma64 } from './pdq-downsample';
import { wasmKernelAvailable } from './pdq-downsample-wasm';
import { pdqFromImage } from './pdq';

const f = Math.fround;

function naiveBox(
  input: Float32Array,
  out: Float32Array,
  n: number,
  stride: number,
  start: number,
  w: number,
) {
  const half = Math.floor((w + 2) / 2);
  let sum = 0;
  let count = 0;
  let ri = 0;
  let li = 0;
  let oi = 0;
  for (let i = 0; i < half - 1; i++, ri++, count++) sum = f(sum + input[start + ri * stride]!);
  for (let i = 0; i < w - half + 1; i++, ri++, oi++) {
    sum = f(sum + input[start + ri * stride]!);
    count++;
    out[start + oi * stride] = f(sum / count);
  }
  for (let i = 0; i < n - w; i++, ri++, li++, oi++) {
    sum = f(sum + input[start + ri * stride]!);
    sum = f(sum - input[start + li * stride]!);
    out[start + oi * stride] = f(sum / count);
  }
  for (let i = 0; i < half - 1; i++, li++, oi++) {
    sum = f(sum - input[start + li * stride]!);
    count--;
    out[start + oi * stride] = f(sum / count);
  }
}

function naiveDownsample(image: PixelImage): Float32Array {
  const { width: W, height: H, channels, data } = image;
  const a = new Float32Array(W * H);
  const b = new Float32Array(W * H);
  for (let i = 0; i < W * H; i++) {
    const p = i * channels;
    a[i] =
      channels === 1
        ? data[p]!
        : f(f(f(f(0.299) * data[p]!) + f(f(0.587) * data[p + 1]!)) + f(f(0.114) * data[p + 2]!));
  }
  const out = new Float32Array(64 * 64);
  if (W === 64 && H === 64) return a;
  const wr = jaroszWindow(W, 64);
  const wc = jaroszWindow(H, 64);
  for (let pass = 0; pass < 2; pass++) {
    for (let y = 0; y < H; y++) naiveBox(a, b, W, 1, y * W, wr);
    for (let x = 0; x < W; x++) naiveBox(b, a, H, W, x, wc);
  }
  for (let i = 0; i < 64; i++)
    for (let j = 0; j < 64; j++)
      out[i * 64 + j] = a[Math.floor(((i + 0.5) * H) / 64) * W + Math.floor(((j + 0.5) * W) / 64)]!;
  return out;
}

const imageArb = fc
  .record({
    width: fc.integer({ min: 1, max: 700 }),
    height: fc.integer({ min: 1, max: 700 }),
    channels: fc.constantFrom(1 as const, 3 as const, 4 as const),
    seed: fc.integer(),
    smooth: fc.boolean(),
  })
  .map(({ width, height, channels, seed, smooth }): PixelImage => {
    const data = new Uint8Array(width * height * channels);
    let s = seed | 0;
    for (let i = 0; i < data.length; i++) {
      s = (Math.imul(s, 1103515245) + 12345) | 0;
      const px = Math.floor(i / channels);
      data[i] = smooth ? ((px % width) * 3 + Math.floor(px / width) * 5 + (s >>> 28)) & 255 : s >>> 24;
    }
    return { width, height, channels, data };
  });

describe('PDQ kernel', () => {
  it('has the WebAssembly kernel in Node', () => {
    expect(wasmKernelAvailable()).toBe(true);
  });

  it.each([
    ['WebAssembly', true],
    ['JavaScript', false],
  ])('downsamples exactly like the plain five-pass transcription (%s kernel)', (_name, useWasm) => {
    const grid = new Float32Array(64 * 64);
    fc.assert(
      fc.property(imageArb, (image) => {
        downsampleLuma64(image, grid, useWasm);
        expect(Array.from(grid)).toEqual(Array.from(naiveDownsample(image)));
      }),
      { numRuns: 40 },
    );
  });

  it('takes the same DCT in WebAssembly SIMD as in JavaScript, to the bit', () => {
    expect(instantiateDctKernel()).not.toBeNull();
    fc.assert(
      fc.property(
        fc.float32Array({
          minLength: 4096,
          maxLength: 4096,
          noNaN: true,
          noDefaultInfinity: true,
          min: -1e6,
          max: 1e6,
        }),
        (grid) => {
          const simd = new Float32Array(256);
          const js = new Float32Array(256);
          dct64To16(grid, simd, true);
          dct64To16(grid, js, false);
          expect(Array.from(simd)).toEqual(Array.from(js));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('hashes exactly like the transcription, 64x64 included', () => {
    for (const [width, height] of [
      [64, 64],
      [65, 64],
      [5, 5],
      [1200, 7],
    ] as const) {
      const data = new Uint8Array(width * height * 3).map((_, i) => (i * 31 + (i >> 7)) & 255);
      const image: PixelImage = { width, height, channels: 3, data };
      const coeffs = new Float32Array(256);
      dct64To16(naiveDownsample(image), coeffs);
      expect(pdqFromImage(image).hash).toBe(coefficientsToHex(coeffs));
    }
  });

  it('gives an all-zero hash of quality 0 below 5 pixels on a side, as the reference', () => {
    const r = pdqFromImage({ width: 4, height: 100, channels: 1, data: new Uint8Array(400) });
    expect(r.hash).toBe('0'.repeat(64));
    expect(r.quality).toBe(0);
    expect(r.dihedral).toHaveLength(8);
  });

  it('divides by the window count exactly via the double reciprocal', () => {
    fc.assert(
      fc.property(
        fc.float({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 1, max: 1 << 20 }),
        (s, c) => {
          expect(f(s * (1 / c))).toBe(f(s / c));
        },
      ),
      { numRuns: 20000 },
    );
  });
});
