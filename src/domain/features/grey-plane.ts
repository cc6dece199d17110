import { ensureMemory } from '../hashing/wasm-emitter';
import { lumaBlockSums } from '../image/luma-sums';
import type { PixelImage } from '../image/pixel-image';
import { instantiateResampleKernel, type ResampleKernel } from './resample-kernel.wasm';

/**
 * A grey copy of an image for keypoints: the longer side brought to at most `maxSide` by averaging
 * whole blocks of pixels (an integer factor: no aliasing, one pass over the full-resolution pixels).
 */
export interface GreyPlane {
  readonly width: number;
  readonly height: number;
  /** Row-major, 0-255. */
  readonly grey: Uint8Array;
}

export const FEATURE_PLANE_SIDE = 512;

/** A part of an image in its own pixels: [x0, x1) × [y0, y1). */
export interface PixelRegion {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export function greyPlane(
  image: PixelImage,
  maxSide = FEATURE_PLANE_SIDE,
  region: PixelRegion = { x0: 0, y0: 0, x1: image.width, y1: image.height },
): GreyPlane {
  const RW = region.x1 - region.x0;
  const RH = region.y1 - region.y0;
  const factor = Math.max(1, Math.ceil(Math.max(RW, RH) / maxSide));
  const w = Math.max(1, Math.floor(RW / factor));
  const h = Math.max(1, Math.floor(RH / factor));
  // Whole blocks only: the leftover columns and rows past w·factor and h·factor are dropped.
  const bounds = Int32Array.from({ length: w + 1 }, (_, c) => region.x0 + c * factor);
  const sums = lumaBlockSums(image, { y0: region.y0, y1: region.y0 + h * factor, factor, h, bounds });
  const grey = new Uint8Array(w * h);
  const norm = 1 / (factor * factor * 256);
  for (let i = 0; i < grey.length; i++) grey[i] = Math.round(sums[i]! * norm);
  return { width: w, height: h, grey };
}

let kernel: ResampleKernel | null | undefined;

/**
 * Area-averaged resample to w x h (for pyramid levels: each level is made from the one below). In
 * WebAssembly where there is one (resample-kernel.wasm.ts), else in JavaScript; the same bytes.
 */
export function resample(src: GreyPlane, w: number, h: number, useWasm = true): GreyPlane {
  const sx = src.width / w;
  const sy = src.height / h;
  const cols = coverage(src.width, w, sx);
  const rows = coverage(src.height, h, sy);
  if (useWasm) kernel ??= instantiateResampleKernel();
  const plan: Plan = { src, w, h, cols, rows, sx, sy };
  const grey = useWasm && kernel ? resampleWasm(kernel, plan) : resampleJs(plan);
  return { width: w, height: h, grey };
}

/** A resample worked out: the source, the output size, and each axis's coverage and step. */
interface Plan {
  readonly src: GreyPlane;
  readonly w: number;
  readonly h: number;
  readonly cols: Coverage;
  readonly rows: Coverage;
  readonly sx: number;
  readonly sy: number;
}

type Coverage = ReturnType<typeof coverage>;

function resampleWasm(kernel: ResampleKernel, { src, w, h, cols, rows, sx, sy }: Plan): Uint8Array {
  // The source, both coverage tables, the row pass's float32 plane and the output, each with slack
  // for a pair's second lane past its end.
  let at = src.grey.length;
  const place = (bytes: number) => {
    const start = (at + 7) & ~7;
    at = start + bytes + 8;
    return start;
  };
  const tables = [cols, rows].map((c) => ({
    start: place(c.start.length * 4),
    index: place(c.index.length * 4),
    cover: place(c.cover.length * 8),
  }));
  const tmpAt = place(w * src.height * 4);
  const outAt = place(w * h);
  const buffer = ensureMemory(kernel.memory, at);
  new Uint8Array(buffer, 0, src.grey.length).set(src.grey);
  [cols, rows].forEach((c, i) => {
    new Int32Array(buffer, tables[i]!.start, c.start.length).set(c.start);
    new Int32Array(buffer, tables[i]!.index, c.index.length).set(c.index);
    new Float64Array(buffer, tables[i]!.cover, c.cover.length).set(c.cover);
  });
  const [c, r] = tables as [(typeof tables)[0], (typeof tables)[0]];
  kernel.rows(0, src.width, src.height, w, c.start, c.index, c.cover, sx, tmpAt);
  kernel.cols(tmpAt, w, h, r.start, r.index, r.cover, sy, outAt);
  return new Uint8Array(buffer.slice(outAt, outAt + w * h));
}

function resampleJs({ src, w, h, cols, rows, sx, sy }: Plan): Uint8Array {
  const grey = new Uint8Array(w * h);
  // Separable: rows first into a float buffer, then columns. The weights are worked out once per
  // output column and row (not per pixel), and every sum adds the same terms in the same order as a
  // per-pixel loop would, so the result is the same to the bit.
  const tmp = new Float32Array(w * src.height);
  for (let y = 0; y < src.height; y++) {
    const row = y * src.width;
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = cols.start[x]!; k < cols.start[x + 1]!; k++)
        s += cols.cover[k]! * src.grey[row + cols.index[k]!]!;
      tmp[y * w + x] = s / sx;
    }
  }
  const acc = new Float64Array(w);
  for (let y = 0; y < h; y++) {
    acc.fill(0);
    for (let k = rows.start[y]!; k < rows.start[y + 1]!; k++) {
      const c = rows.cover[k]!;
      const r = rows.index[k]! * w;
      for (let x = 0; x < w; x++) acc[x]! += c * tmp[r + x]!;
    }
    for (let x = 0; x < w; x++) grey[y * w + x] = Math.round(acc[x]! / sy);
  }
  return grey;
}

/**
 * For each of `n` output cells of width `step` over `size` source cells: the source cells it covers
 * (clamped to the last) and how much of each, as flat arrays (`start[i]..start[i+1]` are cell i's).
 */
function coverage(size: number, n: number, step: number) {
  const start = new Int32Array(n + 1);
  const index: number[] = [];
  const cover: number[] = [];
  for (let o = 0; o < n; o++) {
    start[o] = index.length;
    const a = o * step;
    const b = a + step;
    for (let i = Math.floor(a); i < Math.ceil(b); i++) {
      index.push(Math.min(i, size - 1));
      cover.push(Math.min(b, i + 1) - Math.max(a, i));
    }
  }
  start[n] = index.length;
  return { start, index: Int32Array.from(index), cover: Float64Array.from(cover) };
}
