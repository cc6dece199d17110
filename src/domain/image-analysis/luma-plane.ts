import { lumaBlockSums } from '../image/luma-sums';
import type { PixelImage } from '../image/pixel-image';

/**
 * A small luma copy of the image (longer side at most `maxSide`, box-averaged), with its integral image,
 * so any window can be resampled to PDQ's 64x64 grid by exact area averages. Every region hash and
 * every layout search reads this plane, never the full-resolution pixels again: one pass over the
 * pixels per image.
 */
export interface LumaPlane {
  readonly width: number;
  readonly height: number;
  /** Row-major luma, 0-255. */
  readonly luma: Float32Array;
  /** (width+1) x (height+1) running sums: sum of luma over [0,x) x [0,y). */
  readonly integral: Float64Array;
  /** Plane pixels per source pixel (≤ 1). */
  readonly scale: number;
}

export const PLANE_MAX_SIDE = 320;

export function lumaPlane(image: PixelImage, maxSide = PLANE_MAX_SIDE): LumaPlane {
  const { width: W, height: H } = image;
  const factor = Math.max(1, Math.ceil(Math.max(W, H) / maxSide));
  const w = Math.max(1, Math.floor(W / factor));
  const h = Math.max(1, Math.floor(H / factor));
  // Plane column c takes source columns [c·factor, (c+1)·factor), the last one the leftover pixels
  // too; the last plane row likewise takes the leftover rows.
  const bounds = Int32Array.from({ length: w + 1 }, (_, c) => (c === w ? W : c * factor));
  const sums = lumaBlockSums(image, { y0: 0, y1: H, factor, h, bounds });
  const luma = new Float32Array(w * h);
  for (let r = 0; r < h; r++) {
    const rows = r === h - 1 ? H - r * factor : factor;
    for (let c = 0; c < w; c++)
      luma[r * w + c] = sums[r * w + c]! / 256 / Math.max(1, rows * (bounds[c + 1]! - bounds[c]!));
  }
  return { width: w, height: h, luma, integral: integralOf(luma, w, h), scale: 1 / factor };
}

export function integralOf(luma: Float32Array, w: number, h: number): Float64Array {
  const integral = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += luma[y * w + x]!;
      integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1]! + row;
    }
  }
  return integral;
}

/** The integral at a fractional point (bilinear between the four integer corners), clamped to the plane. */
function integralAt(p: LumaPlane, x: number, y: number): number {
  const W = p.width;
  const cx = Math.min(Math.max(x, 0), W);
  const cy = Math.min(Math.max(y, 0), p.height);
  const x0 = Math.min(Math.floor(cx), W - 1 < 0 ? 0 : W - 1);
  const y0 = Math.min(Math.floor(cy), p.height - 1 < 0 ? 0 : p.height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const s = p.integral;
  const r0 = y0 * (W + 1);
  const r1 = (y0 + 1) * (W + 1);
  return (
    (1 - fy) * ((1 - fx) * s[r0 + x0]! + fx * s[r0 + x0 + 1]!) +
    fy * ((1 - fx) * s[r1 + x0]! + fx * s[r1 + x0 + 1]!)
  );
}

/** Mean luma over the box [x0,x1) x [y0,y1) in plane coordinates (fractional edges allowed). */
export function boxMean(p: LumaPlane, x0: number, y0: number, x1: number, y1: number): number {
  const area = (x1 - x0) * (y1 - y0);
  if (area <= 1e-9)
    return (
      p.luma[
        Math.min(p.height - 1, Math.max(0, Math.floor(y0))) * p.width +
          Math.min(p.width - 1, Math.max(0, Math.floor(x0)))
      ] ?? 0
    );
  return (
    (integralAt(p, x1, y1) - integralAt(p, x0, y1) - integralAt(p, x1, y0) + integralAt(p, x0, y0)) / area
  );
}
