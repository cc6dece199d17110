import type { PixelImage } from '../image/pixel-image';

/**
 * Luma rows for PDQ, bit-exact with the reference: Y = (0.299·R + 0.587·G) + 0.114·B in float32,
 * products and sums each rounded to float32, in that order. Grey images (1 channel) use the pixel value
 * as is, as the reference does for single-channel input. Alpha is ignored (colour channels as stored).
 *
 * Each product has only 256 possible values, so they come from tables: the same float32 numbers,
 * without a multiply per pixel.
 */
const fround = Math.fround;
export const LUMA_R = fround(0.299);
export const LUMA_G = fround(0.587);
export const LUMA_B = fround(0.114);

function productTable(coeff: number): Float32Array {
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) table[v] = coeff * v; // float × small int: exact in double, rounded on store
  return table;
}

const TABLE_R = productTable(LUMA_R);
const TABLE_G = productTable(LUMA_G);
const TABLE_B = productTable(LUMA_B);

/** Writes row `y` of the image's luma into `out` from `outOffset`, `stride` apart (`image.width` values). */
export function lumaRow(
  image: PixelImage,
  y: number,
  out: Float32Array,
  outOffset: number,
  stride = 1,
): void {
  const { width, channels, data } = image;
  let p = y * width * channels;
  const end = outOffset + width * stride;
  if (channels === 1) {
    for (let o = outOffset; o < end; o += stride) out[o] = data[p++]!;
    return;
  }
  for (let o = outOffset; o < end; o += stride, p += channels) {
    // Float32Array stores round to float32: the outer sum is rounded by the store.
    out[o] = fround(TABLE_R[data[p]!]! + TABLE_G[data[p + 1]!]!) + TABLE_B[data[p + 2]!]!;
  }
}
