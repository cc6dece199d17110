import type { PixelImage } from '../image/pixel-image';
import { BoxColumnStream, boxPhases, boxRow1, boxRows4, jaroszWindow } from './jarosz-box';
import { downsampleLuma64Wasm } from './pdq-downsample-wasm';
import { lumaRow } from './pdq-luma';

/**
 * Full-resolution luma -> 64x64, exactly as the reference computes it: two X-then-Y passes of the box
 * filter over the whole image (a tent filter), then the value at each of 64x64 cell centres.
 *
 * The reference runs five full-image passes (luma, rows, columns, rows, columns) over two full float
 * buffers. Here the same arithmetic is streamed, so only a few rows live in memory at once:
 *   luma (4 rows) -> row filter 1 -> ring of rows -> column filter 1 -> 4 rows -> row filter 2,
 *   keeping only the 64 sampled columns -> H x 64 -> column filter 2 -> the 64 sampled rows.
 * Only the 64 sampled columns of the second row pass feed the result, and columns are independent,
 * so the last column pass runs on 64 columns instead of all of them. Every value that reaches the
 * output is computed with the reference's operations in the reference's order (bit-exact).
 */
export const PDQ_GRID = 64;

/** Scratch buffers reused from image to image (one hash at a time per realm; hashing is synchronous). */
let scratch = new Float32Array(0);
function takeScratch(size: number): Float32Array {
  if (scratch.length < size) scratch = new Float32Array(Math.max(size, scratch.length * 1.5) | 0);
  return scratch;
}

/** Cell-centre sample positions: floor(((i + 0.5) · n) / 64), in double as the reference. */
export function sampleIndexes(n: number): Int32Array {
  const out = new Int32Array(PDQ_GRID);
  for (let i = 0; i < PDQ_GRID; i++) out[i] = Math.floor(((i + 0.5) * n) / PDQ_GRID);
  return out;
}

/**
 * Writes the 64x64 downsampled luma, row-major, into `out` (4096 values). Needs width, height >= 1.
 * Uses the WebAssembly kernel when the runtime has WebAssembly SIMD, else the JavaScript one (same bits).
 */
export function downsampleLuma64(image: PixelImage, out: Float32Array, useWasm = true): void {
  const { width: W, height: H } = image;
  if (W === PDQ_GRID && H === PDQ_GRID) {
    // The reference hashes a 64x64 luma as is (its video-frame path), without filtering.
    for (let y = 0; y < H; y++) lumaRow(image, y, out, y * PDQ_GRID);
    return;
  }
  const sx = sampleIndexes(W);
  const sy = sampleIndexes(H);
  if (useWasm && downsampleLuma64Wasm(image, out, sx, sy)) return;
  const rowPhases = boxPhases(W, jaroszWindow(W, PDQ_GRID));
  const colPhases = boxPhases(H, jaroszWindow(H, PDQ_GRID));

  // Ring of row-filtered rows: the column filter reads back `window` rows, and rows are produced 4 at a time.
  const ringRows = colPhases.window + 4;
  const sizes = [4 * W, ringRows * W, W, 4 * W, 4 * W, H * PDQ_GRID, H * PDQ_GRID, PDQ_GRID] as const;
  const all = takeScratch(sizes.reduce((a, b) => a + b, 0));
  let at = 0;
  const views = sizes.map((n) => {
    const v = all.subarray(at, at + n);
    at += n;
    return v;
  });
  const [luma, ring, sums1, col1, row2, sampled, col2, sums2] = views as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];

  // Second row pass on groups of 4 column-filtered rows; keep only the sampled columns.
  const keepSampled = (firstRow: number, count: number) => {
    if (count === 4) boxRows4(col1, 0, W, 2 * W, 3 * W, row2, 0, W, 2 * W, 3 * W, rowPhases);
    else for (let i = 0; i < count; i++) boxRow1(col1, i * W, row2, i * W, rowPhases);
    for (let i = 0; i < count; i++) {
      const o = (firstRow + i) * PDQ_GRID;
      const r = i * W;
      for (let j = 0; j < PDQ_GRID; j++) sampled[o + j] = row2[r + sx[j]!]!;
    }
  };
  const columns1 = new BoxColumnStream(
    W,
    colPhases,
    ring,
    (r) => (r % ringRows) * W,
    col1,
    (r) => (r & 3) * W,
    (r) => {
      if ((r & 3) === 3) keepSampled(r - 3, 4);
    },
    sums1,
  );

  let y = 0;
  for (; y + 4 <= H; y += 4) {
    for (let i = 0; i < 4; i++) lumaRow(image, y + i, luma, i * W);
    const r0 = (y % ringRows) * W;
    const r1 = ((y + 1) % ringRows) * W;
    const r2 = ((y + 2) % ringRows) * W;
    const r3 = ((y + 3) % ringRows) * W;
    boxRows4(luma, 0, W, 2 * W, 3 * W, ring, r0, r1, r2, r3, rowPhases);
    for (let i = 0; i < 4; i++) columns1.push();
  }
  for (; y < H; y++) {
    lumaRow(image, y, luma, 0);
    boxRow1(luma, 0, ring, (y % ringRows) * W, rowPhases);
    columns1.push();
  }
  columns1.finish();
  if (H % 4 !== 0) keepSampled(H - (H % 4), H % 4);

  // Second column pass, on the 64 sampled columns only.
  const columns2 = new BoxColumnStream(
    PDQ_GRID,
    colPhases,
    sampled,
    (r) => r * PDQ_GRID,
    col2,
    (r) => r * PDQ_GRID,
    () => undefined,
    sums2,
  );
  for (let r = 0; r < H; r++) columns2.push();
  columns2.finish();
  for (let i = 0; i < PDQ_GRID; i++)
    out.set(col2.subarray(sy[i]! * PDQ_GRID, (sy[i]! + 1) * PDQ_GRID), i * PDQ_GRID);
}
