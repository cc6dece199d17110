import type { PixelImage } from '../image/pixel-image';
import { LUMA_B, LUMA_G, LUMA_R } from '../hashing/pdq-luma';

/**
 * The picture inside a video frame's uniform bars (letterbox, pillarbox, or both: a still or a 4:3
 * film put in a 16:9 frame). PDQ does not survive bars, so a still of a series would not match the
 * frame that shows it; hashed without its bars, it does. Bars are rows or columns at the edges whose
 * pixels all sit near one colour (compressed black is not exactly black: a small deviation is allowed,
 * and a few outliers per line, such as a logo's edge, are tolerated).
 *
 * Returns null when there are no bars worth trimming (under 2 % on every side) or when what is left
 * would be too small to hash reliably (under a quarter of the frame, or under 32 px a side).
 */
export interface FrameRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const MEAN_DEVIATION = 6;
const OUTLIER_DEVIATION = 40;
const OUTLIER_SHARE = 0.02;
const MIN_BAR_SHARE = 0.02;
const MIN_CONTENT_SHARE = 0.25;
const MIN_SIDE = 32;

function lumaAt(image: PixelImage, x: number, y: number): number {
  const { data, channels, width } = image;
  const p = (y * width + x) * channels;
  return channels === 1 ? data[p]! : LUMA_R * data[p]! + LUMA_G * data[p + 1]! + LUMA_B * data[p + 2]!;
}

/** Whether the line of `count` pixels from (x, y) stepping (dx, dy) is near `bar` throughout. */
function isBarLine(
  image: PixelImage,
  x: number,
  y: number,
  dx: number,
  dy: number,
  count: number,
  bar: number,
): boolean {
  const step = Math.max(1, Math.floor(count / 256));
  let sum = 0;
  let n = 0;
  let outliers = 0;
  for (let i = 0; i < count; i += step, n++) {
    const d = Math.abs(lumaAt(image, x + i * dx, y + i * dy) - bar);
    sum += d;
    if (d > OUTLIER_DEVIATION) outliers++;
  }
  return sum / n <= MEAN_DEVIATION && outliers <= Math.ceil(n * OUTLIER_SHARE);
}

export function findBarredPicture(image: PixelImage): FrameRect | null {
  const { width: w, height: h } = image;
  if (w < 2 * MIN_SIDE || h < 2 * MIN_SIDE) return null;
  const corners = [
    lumaAt(image, 0, 0),
    lumaAt(image, w - 1, 0),
    lumaAt(image, 0, h - 1),
    lumaAt(image, w - 1, h - 1),
  ];
  const bar = corners.sort((a, b) => a - b)[1]!; // a low median: one corner may hold a logo
  let left = 0;
  while (left < w / 2 && isBarLine(image, left, 0, 0, 1, h, bar)) left++;
  let right = 0;
  while (right < w / 2 && isBarLine(image, w - 1 - right, 0, 0, 1, h, bar)) right++;
  let top = 0;
  while (top < h / 2 && isBarLine(image, left, top, 1, 0, w - left - right, bar)) top++;
  let bottom = 0;
  while (bottom < h / 2 && isBarLine(image, left, h - 1 - bottom, 1, 0, w - left - right, bar)) bottom++;
  const width = w - left - right;
  const height = h - top - bottom;
  const barred =
    left >= w * MIN_BAR_SHARE ||
    right >= w * MIN_BAR_SHARE ||
    top >= h * MIN_BAR_SHARE ||
    bottom >= h * MIN_BAR_SHARE;
  if (!barred || width < MIN_SIDE || height < MIN_SIDE || width * height < w * h * MIN_CONTENT_SHARE)
    return null;
  return { x: left, y: top, width, height };
}

/** A copy of the rectangle as its own image (the PDQ kernel reads rows without a stride). */
export function cropImage(image: PixelImage, r: FrameRect): PixelImage {
  const { channels } = image;
  const out = new Uint8Array(r.width * r.height * channels);
  const row = r.width * channels;
  for (let y = 0; y < r.height; y++) {
    const from = ((r.y + y) * image.width + r.x) * channels;
    out.set(image.data.subarray(from, from + row), y * row);
  }
  return { width: r.width, height: r.height, channels, data: out };
}
