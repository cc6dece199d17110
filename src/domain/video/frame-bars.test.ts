import { describe, expect, it } from 'vitest';

import type { PixelImage } from '../image/pixel-image';
import { cropImage, findBarredPicture } from './frame-bars';

/** A textured picture (w x h) placed at (x, y) in a frame filled with `fill` (RGB). */
function framed(W: number, H: number, x: number, y: number, w: number, h: number, fill = 3): PixelImage {
  const data = new Uint8Array(W * H * 3).fill(fill);
  for (let j = 0; j < h; j++)
    for (let i = 0; i < w; i++) {
      const p = ((y + j) * W + x + i) * 3;
      const v = (i * 7 + j * 13 + ((i * j) % 31) * 5) & 255;
      data[p] = v;
      data[p + 1] = 255 - v;
      data[p + 2] = (v * 3) & 255;
    }
  return { width: W, height: H, channels: 3, data };
}

describe('the picture inside uniform bars', () => {
  it('finds pillarbox and letterbox bars', () => {
    expect(findBarredPicture(framed(320, 180, 40, 0, 240, 180))).toEqual({
      x: 40,
      y: 0,
      width: 240,
      height: 180,
    });
    expect(findBarredPicture(framed(320, 240, 0, 30, 320, 180, 16))).toEqual({
      x: 0,
      y: 30,
      width: 320,
      height: 180,
    });
  });

  it('leaves a frame without bars alone, and refuses a picture too small to hash', () => {
    expect(findBarredPicture(framed(320, 180, 0, 0, 320, 180))).toBeNull();
    expect(findBarredPicture(framed(320, 180, 150, 80, 20, 20))).toBeNull();
  });

  it('crops the rectangle as its own image', () => {
    const image = framed(64, 64, 8, 0, 48, 64);
    const crop = cropImage(image, { x: 8, y: 0, width: 48, height: 64 });
    expect(crop.width).toBe(48);
    expect(Array.from(crop.data.subarray(0, 3))).toEqual(Array.from(image.data.subarray(24, 27)));
  });
});
