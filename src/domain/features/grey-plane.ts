import type { PixelImage } from '../image/pixel-image';

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

export function greyPlane(image: PixelImage, maxSide = FEATURE_PLANE_SIDE): GreyPlane {
  const { width: W, height: H, channels, data } = image;
  const factor = Math.max(1, Math.ceil(Math.max(W, H) / maxSide));
  const w = Math.max(1, Math.floor(W / factor));
  const h = Math.max(1, Math.floor(H / factor));
  const sums = new Uint32Array(w);
  const grey = new Uint8Array(w * h);
  const norm = 1 / (factor * factor * 256);
  for (let y = 0; y < h; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let p = (y * factor + dy) * W * channels;
      for (let x = 0; x < w; x++) {
        let s = 0;
        if (channels === 1) for (let k = 0; k < factor; k++, p++) s += data[p]! << 8;
        else
          for (let k = 0; k < factor; k++, p += channels)
            s += 77 * data[p]! + 150 * data[p + 1]! + 29 * data[p + 2]!;
        sums[x]! += s;
      }
    }
    for (let x = 0; x < w; x++) grey[y * w + x] = Math.round(sums[x]! * norm);
  }
  return { width: w, height: h, grey };
}

/** Area-averaged resample to w x h (for pyramid levels: each level is made from the one below). */
export function resample(src: GreyPlane, w: number, h: number): GreyPlane {
  const grey = new Uint8Array(w * h);
  const sx = src.width / w;
  const sy = src.height / h;
  // Separable: rows first into a float buffer, then columns.
  const tmp = new Float32Array(w * src.height);
  for (let y = 0; y < src.height; y++) {
    const row = y * src.width;
    for (let x = 0; x < w; x++) {
      const a = x * sx;
      const b = a + sx;
      let s = 0;
      for (let i = Math.floor(a); i < Math.ceil(b); i++) {
        const cover = Math.min(b, i + 1) - Math.max(a, i);
        s += cover * src.grey[row + Math.min(i, src.width - 1)]!;
      }
      tmp[y * w + x] = s / sx;
    }
  }
  for (let x = 0; x < w; x++)
    for (let y = 0; y < h; y++) {
      const a = y * sy;
      const b = a + sy;
      let s = 0;
      for (let i = Math.floor(a); i < Math.ceil(b); i++) {
        const cover = Math.min(b, i + 1) - Math.max(a, i);
        s += cover * tmp[Math.min(i, src.height - 1) * w + x]!;
      }
      grey[y * w + x] = Math.round(s / sy);
    }
  return { width: w, height: h, grey };
}
