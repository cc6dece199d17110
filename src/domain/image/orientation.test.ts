import { describe, expect, it } from 'vitest';

import { storedFromDisplayed } from './orientation';
import type { PixelImage } from './pixel-image';

// The EXIF display rule, written from the standard: display(x, y) = stored(sx, sy).
const RULES: Record<number, (x: number, y: number, W: number, H: number) => [number, number]> = {
  2: (x, y, W) => [W - 1 - x, y],
  3: (x, y, W, H) => [W - 1 - x, H - 1 - y],
  4: (x, y, _W, H) => [x, H - 1 - y],
  5: (x, y) => [y, x],
  6: (x, y, _W, H) => [y, H - 1 - x],
  7: (x, y, W, H) => [W - 1 - y, H - 1 - x],
  8: (x, y, W) => [W - 1 - y, x],
};

function display(stored: PixelImage, o: number): PixelImage {
  const swap = o >= 5;
  const Wd = swap ? stored.height : stored.width;
  const Hd = swap ? stored.width : stored.height;
  const data = new Uint8Array(Wd * Hd);
  for (let y = 0; y < Hd; y++)
    for (let x = 0; x < Wd; x++) {
      const [sx, sy] = RULES[o]!(x, y, stored.width, stored.height);
      data[y * Wd + x] = stored.data[sy * stored.width + sx]!;
    }
  return { width: Wd, height: Hd, channels: 1, data };
}

describe('storedFromDisplayed', () => {
  const stored: PixelImage = { width: 3, height: 2, channels: 1, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
  it.each([2, 3, 4, 5, 6, 7, 8])('undoes orientation %i exactly', (o) => {
    const back = storedFromDisplayed(display(stored, o), o);
    expect([back.width, back.height]).toEqual([3, 2]);
    expect(Array.from(back.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('leaves orientation 1 and unknown alone', () => {
    expect(storedFromDisplayed(stored, 1)).toBe(stored);
    expect(storedFromDisplayed(stored, undefined)).toBe(stored);
  });
});
