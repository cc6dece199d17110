import { ensureMemory } from '../hashing/wasm-emitter';
import { instantiateGaussianKernel, type GaussianKernel } from './gaussian-kernel.wasm';
import type { GreyPlane } from './grey-plane';

const G7 = (() => {
  const k = [-3, -2, -1, 0, 1, 2, 3].map((x) => Math.exp(-(x * x) / 8));
  const s = k.reduce((a, b) => a + b, 0);
  return k.map((v) => v / s);
})();

/**
 * Gaussian blur, 7 taps, σ = 2, of an ORB pyramid level (its binary tests compare smoothed pixels:
 * noise and JPEG blocks matter less). Edges repeat the last pixel. In WebAssembly SIMD where there is
 * one (gaussian-kernel.wasm.ts), else in JavaScript; the same float32s either way.
 */
export function gaussian7(level: GreyPlane): Float32Array {
  gaussianKernel ??= instantiateGaussianKernel(G7);
  return gaussianKernel ? gaussian7Wasm(gaussianKernel, level) : gaussian7Js(level);
}

let gaussianKernel: GaussianKernel | null | undefined;

function gaussian7Wasm(kernel: GaussianKernel, level: GreyPlane): Float32Array {
  const { width: w, height: h, grey } = level;
  // grey, a padded row of doubles, the intermediate plane with 3 rows of padding either side, the
  // output; each float32 plane with a float of slack for the last pair's second lane.
  const padAt = (grey.length + 7) & ~7;
  const tmpAt = padAt + (w + 8) * 8;
  const outAt = tmpAt + ((h + 6) * w + 2) * 4;
  const need = outAt + (w * h + 2) * 4;
  const buffer = ensureMemory(kernel.memory, need);
  new Uint8Array(buffer, 0, grey.length).set(grey);
  kernel.rows(0, w, h, padAt, tmpAt);
  const tmp = new Float32Array(buffer, tmpAt, (h + 6) * w);
  for (let k = 0; k < 3; k++) {
    tmp.copyWithin(k * w, 3 * w, 4 * w);
    tmp.copyWithin((h + 3 + k) * w, (h + 2) * w, (h + 3) * w);
  }
  kernel.cols(tmpAt, w, h, outAt);
  return new Float32Array(buffer.slice(outAt, outAt + w * h * 4));
}

/**
 * The same in JavaScript, where there is no WebAssembly. Away from the edges the taps are written out
 * (no clamping); each sum adds the same products in the same order either way, so both paths give the
 * same floats.
 */
export function gaussian7Js(level: GreyPlane): Float32Array {
  const { width: w, height: h, grey } = level;
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  const [g0, g1, g2, g3, g4, g5, g6] = G7 as [number, number, number, number, number, number, number];
  const clampedRow = (r: number, x: number) => {
    let s = 0;
    for (let k = -3; k <= 3; k++) s += G7[k + 3]! * grey[r + Math.min(w - 1, Math.max(0, x + k))]!;
    return s;
  };
  for (let y = 0; y < h; y++) {
    const r = y * w;
    for (let x = 0; x < w; x++) {
      if (x < 3 || x > w - 4) {
        tmp[r + x] = clampedRow(r, x);
        continue;
      }
      const p = r + x;
      tmp[p] =
        g0 * grey[p - 3]! +
        g1 * grey[p - 2]! +
        g2 * grey[p - 1]! +
        g3 * grey[p]! +
        g4 * grey[p + 1]! +
        g5 * grey[p + 2]! +
        g6 * grey[p + 3]!;
    }
  }
  for (let y = 0; y < h; y++) {
    const inside = y >= 3 && y <= h - 4;
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (!inside) {
        let s = 0;
        for (let k = -3; k <= 3; k++) s += G7[k + 3]! * tmp[Math.min(h - 1, Math.max(0, y + k)) * w + x]!;
        out[p] = s;
        continue;
      }
      out[p] =
        g0 * tmp[p - 3 * w]! +
        g1 * tmp[p - 2 * w]! +
        g2 * tmp[p - w]! +
        g3 * tmp[p]! +
        g4 * tmp[p + w]! +
        g5 * tmp[p + 2 * w]! +
        g6 * tmp[p + 3 * w]!;
    }
  }
  return out;
}
