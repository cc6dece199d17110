import type { PixelImage } from '../image/pixel-image';

/**
 * Decoded video frames as planes (what WebCodecs hands out) -> RGB24, the way the vPDQ reference's
 * libswscale converts them: ITU-R BT.601 coefficients on limited ("TV") range, whatever the stream's
 * colour tags say (the reference never sets other coefficients), so the browser's hashes follow the
 * reference and the CLI rather than the display's colour management. Chroma is taken from the sample
 * covering each pixel. PDQ reads luma = 0.299 R + 0.587 G + 0.114 B, in which these chroma terms nearly
 * cancel: what matters for the hash is Y scaled from 16-235 to 0-255, which this reproduces exactly
 * apart from rounding.
 */
export const YuvLayout = {
  /** Y plane, then U and V at half width and half height. */
  i420: 'I420',
  /** Y, then U and V at half width, full height. */
  i422: 'I422',
  /** Y, U, V at full size. */
  i444: 'I444',
  /** Y, then interleaved U/V at half width and half height. */
  nv12: 'NV12',
} as const;
export type YuvLayout = (typeof YuvLayout)[keyof typeof YuvLayout];

export interface PlaneLayout {
  readonly offset: number;
  readonly stride: number;
}

export interface YuvFrame {
  readonly layout: YuvLayout;
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  /** Y, U, V (or Y, UV for NV12): offset and stride of each plane in `data`. */
  readonly planes: readonly PlaneLayout[];
}

// 16.16 fixed point, as swscale's tables: 1.164, 1.596, 0.391, 0.813, 2.018.
const CY = 76309;
const CRV = 104597;
const CGU = 25675;
const CGV = 53279;
const CBU = 132201;
const ROUND = 1 << 15;

const clip = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** Writes RGB24 into `out` (width · height · 3 bytes, reused between frames) and returns it as an image. */
export function yuvToRgb(frame: YuvFrame, out: Uint8Array): PixelImage {
  const { width: w, height: h, data, planes, layout } = frame;
  const yP = planes[0]!;
  const uP = planes[1]!;
  const vP = layout === YuvLayout.nv12 ? planes[1]! : planes[2]!;
  const subX = layout === YuvLayout.i444 ? 0 : 1;
  const subY = layout === YuvLayout.i420 || layout === YuvLayout.nv12 ? 1 : 0;
  const interleaved = layout === YuvLayout.nv12;
  let o = 0;
  for (let y = 0; y < h; y++) {
    const yRow = yP.offset + y * yP.stride;
    const cy = y >> subY;
    const uRow = uP.offset + cy * uP.stride;
    const vRow = vP.offset + cy * vP.stride;
    for (let x = 0; x < w; x++) {
      const cx = x >> subX;
      const u = (interleaved ? data[uRow + 2 * cx]! : data[uRow + cx]!) - 128;
      const v = (interleaved ? data[vRow + 2 * cx + 1]! : data[vRow + cx]!) - 128;
      const luma = CY * (data[yRow + x]! - 16) + ROUND;
      out[o++] = clip((luma + CRV * v) >> 16);
      out[o++] = clip((luma - CGU * u - CGV * v) >> 16);
      out[o++] = clip((luma + CBU * u) >> 16);
    }
  }
  return { width: w, height: h, channels: 3, data: out.subarray(0, w * h * 3) };
}
