import { ensureMemory } from '../hashing/wasm-emitter';
import { instantiateLumaSumsKernel, type LumaSumsKernel } from './luma-sums.wasm';
import type { PixelImage } from './pixel-image';

/**
 * Integer luma of an image summed over blocks of pixels: 77R + 150G + 29B per pixel (BT.601 × 256; a
 * grey pixel counts 256·v), so the sums are exact whatever the order, and the planes made from them
 * (the feature plane, grey-plane.ts; the region-hash plane, luma-plane.ts) are the same on every
 * platform. One pass over the full-resolution pixels per plane, the part of analysis that grows with
 * the picture: in WebAssembly where there is one (luma-sums.wasm.ts), else in JavaScript.
 *
 * Cell (r, c) of the h × (bounds.length − 1) result takes the source rows y0 + r·factor …
 * y0 + (r + 1)·factor − 1 (rows from y0 + h·factor up to y1 go to the last cell row) and the source
 * columns bounds[c] … bounds[c + 1] − 1.
 */
export interface BlockLayout {
  readonly y0: number;
  readonly y1: number;
  readonly factor: number;
  readonly h: number;
  readonly bounds: Int32Array;
}

let kernel: LumaSumsKernel | null | undefined;

export function lumaBlockSums(image: PixelImage, layout: BlockLayout, useWasm = true): Float64Array {
  if (useWasm) kernel ??= instantiateLumaSumsKernel();
  return useWasm && kernel ? kernelSums(kernel, image, layout) : jsSums(image, layout);
}

/**
 * The picture goes through the kernel's memory a band of rows at a time: a memory never shrinks, and
 * a whole 100-megapixel picture would hold 400 MB of it for the rest of the worker's life.
 */
const BAND_BYTES = 4 << 20;

function kernelSums(kernel: LumaSumsKernel, image: PixelImage, layout: BlockLayout): Float64Array {
  const { y0, y1, factor, h, bounds } = layout;
  const w = bounds.length - 1;
  const rowBytes = image.width * image.channels;
  const bandRows = Math.max(1, Math.min(y1 - y0, Math.floor(BAND_BYTES / rowBytes)));
  const boundsAt = (bandRows * rowBytes + 7) & ~7;
  const outAt = boundsAt + ((bounds.length * 4 + 7) & ~7);
  const buffer = ensureMemory(kernel.memory, outAt + w * h * 8);
  new Int32Array(buffer, boundsAt, bounds.length).set(bounds);
  new Float64Array(buffer, outAt, w * h).fill(0);
  for (let y = y0; y < y1; y += bandRows) {
    const rows = Math.min(bandRows, y1 - y);
    new Uint8Array(buffer, 0, rows * rowBytes).set(image.data.subarray(y * rowBytes, (y + rows) * rowBytes));
    kernel.sums(0, rowBytes, image.channels, rows, y - y0, factor, h, boundsAt, w, outAt);
  }
  return new Float64Array(buffer.slice(outAt, outAt + w * h * 8));
}

function jsSums(image: PixelImage, { y0, y1, factor, h, bounds }: BlockLayout): Float64Array {
  const { width: W, channels, data } = image;
  const w = bounds.length - 1;
  const out = new Float64Array(w * h);
  for (let y = y0; y < y1; y++) {
    const cellRow = Math.min(h - 1, ((y - y0) / factor) | 0) * w;
    const rowStart = y * W * channels;
    for (let c = 0; c < w; c++) {
      const end = rowStart + bounds[c + 1]! * channels;
      let s = 0;
      if (channels === 1) for (let p = rowStart + bounds[c]!; p < end; p++) s += data[p]! << 8;
      else
        for (let p = rowStart + bounds[c]! * channels; p < end; p += channels)
          s += 77 * data[p]! + 150 * data[p + 1]! + 29 * data[p + 2]!;
      out[cellRow + c]! += s;
    }
  }
  return out;
}
