import type { PixelImage } from '../image/pixel-image';
import { instantiateBoxKernel, type BoxKernel } from './box-kernel.wasm';
import { BoxColumnStream, boxPhases, jaroszWindow } from './jarosz-box';
import { LUMA_B, LUMA_G, LUMA_R } from './pdq-luma';
import { ensureMemory } from './wasm-emitter';

/**
 * The streamed downsampler of pdq-downsample.ts with its two heavy passes (row filter 1, column
 * filter 1, row filter 2) in the WebAssembly box kernel: 4 rows per f32x4 in the row filters, 4 columns
 * per f32x4 in the column filter. Same operations in the same order, in float32: bit-exact.
 * Memory (byte offsets, 16-aligned; Wp = width rounded up to 4):
 *   luma4 [x][4 rows] | ring of row-filtered rows | dummy row | column sums | col4 [x][4 rows] | row4 [x][4 rows]
 */
const GRID = 64;
let kernel: BoxKernel | null | undefined;
let sampledScratch = new Float32Array(0);
let col2Scratch = new Float32Array(0);
const sums2 = new Float32Array(GRID);

export function wasmKernelAvailable(): boolean {
  kernel ??= instantiateBoxKernel();
  return kernel !== null;
}

/** Same contract as downsampleLuma64 (width, height >= 1, not the 64x64 case). Returns false without WebAssembly. */
export function downsampleLuma64Wasm(
  image: PixelImage,
  out: Float32Array,
  sx: Int32Array,
  sy: Int32Array,
): boolean {
  if (!wasmKernelAvailable() || !kernel) return false;
  const k = kernel;
  const { width: W, height: H } = image;
  const wr = jaroszWindow(W, GRID);
  const colPhases = boxPhases(H, jaroszWindow(H, GRID));
  const wc = colPhases.window;
  const Wp = (W + 3) & ~3;
  const n4 = Wp >> 2;
  const ringRows = wc + 4;
  const rowBytes = Wp * 4;
  const luma4 = 0;
  const ring = luma4 + 4 * rowBytes;
  const dummy = ring + ringRows * rowBytes;
  const sums = dummy + rowBytes;
  const col4 = sums + rowBytes;
  const row4 = col4 + 4 * rowBytes;
  const pixels = row4 + 4 * rowBytes;
  const pixelRowBytes = W * image.channels;
  ensureMemory(k.memory, pixels + 4 * pixelRowBytes);
  const f = new Float32Array(k.memory.buffer);
  const u8 = new Uint8Array(k.memory.buffer);
  f.fill(0, sums >> 2, (sums + rowBytes) >> 2);
  f.fill(0, col4 >> 2, (row4 + 4 * rowBytes) >> 2);
  if (sampledScratch.length < H * GRID) sampledScratch = new Float32Array(H * GRID);
  if (col2Scratch.length < H * GRID) col2Scratch = new Float32Array(H * GRID);
  const sampled = sampledScratch;
  const ringAt = (r: number) => ring + (r % ringRows) * rowBytes;

  const keepSampled = (first: number, count: number) => {
    k.rows4i(col4, row4, W, wr);
    const base = row4 >> 2;
    for (let i = 0; i < count; i++) {
      const o = (first + i) * GRID;
      for (let j = 0; j < GRID; j++) sampled[o + j] = f[base + sx[j]! * 4 + i]!;
    }
  };
  let pushed = 0;
  let emitted = 0;
  const emitted1 = () => {
    emitted++;
    if ((emitted & 3) === 0) keepSampled(emitted - 4, 4);
  };
  const push = () => {
    const r = pushed++;
    const a = ringAt(r);
    if (r < colPhases.p1) return k.colAdd(sums, a, n4);
    const lane = col4 + (emitted & 3) * 4;
    if (r < colPhases.p1 + colPhases.p2) k.colAddEmit(sums, a, lane, n4, r + 1);
    else k.colSlide(sums, a, ringAt(r - wc), lane, n4, wc);
    emitted1();
  };

  for (let y = 0; y < H; y += 4) {
    const rows = Math.min(4, H - y);
    if (rows < 4) f.fill(0, luma4 >> 2, (luma4 + 4 * rowBytes) >> 2);
    u8.set(image.data.subarray(y * pixelRowBytes, (y + rows) * pixelRowBytes), pixels);
    k.luma4(pixels, pixelRowBytes, image.channels, W, rows, luma4, LUMA_R, LUMA_G, LUMA_B);
    const d = (i: number) => (i < rows ? ringAt(y + i) : dummy);
    k.rows4d(luma4, d(0), d(1), d(2), d(3), W, wr);
    for (let i = 0; i < rows; i++) push();
  }
  let l = pushed - wc;
  let c = wc;
  for (let i = 0; i < colPhases.p4; i++, l++) {
    k.colSubEmit(sums, ringAt(l), col4 + (emitted & 3) * 4, n4, --c);
    emitted1();
  }
  if (emitted & 3) keepSampled(emitted - (emitted & 3), emitted & 3);

  // Second column pass on the 64 sampled columns (small): the JavaScript stream.
  const col2 = col2Scratch;
  const columns2 = new BoxColumnStream(
    GRID,
    colPhases,
    sampled,
    (r) => r * GRID,
    col2,
    (r) => r * GRID,
    () => undefined,
    sums2,
  );
  for (let r = 0; r < H; r++) columns2.push();
  columns2.finish();
  for (let i = 0; i < GRID; i++) out.set(col2.subarray(sy[i]! * GRID, (sy[i]! + 1) * GRID), i * GRID);
  return true;
}
