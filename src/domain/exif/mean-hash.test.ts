import { describe, expect, it } from 'vitest';

import { aspectCrop, meanHash, meanHashDistance, thumbnailDiffers } from './mean-hash';

const gradient = Uint8Array.from({ length: 64 }, (_, i) => (i % 8) * 30);
const checker = Uint8Array.from({ length: 64 }, (_, i) => (((i % 8) + Math.floor(i / 8)) % 2) * 200);

describe('embedded thumbnail comparison', () => {
  it('sees the same picture through noise and a different one as different', () => {
    const noisy = gradient.map((v, i) => Math.min(255, v + ((i * 7) % 5)));
    expect(meanHashDistance(meanHash(gradient), meanHash(noisy))).toBeLessThanOrEqual(4);
    expect(thumbnailDiffers(gradient, noisy)).toBe(false);
    expect(thumbnailDiffers(gradient, checker)).toBe(true);
  });

  it('crops a letterboxed thumbnail to the image aspect', () => {
    expect(aspectCrop(160, 120, 3000, 2000)).toEqual({ x: 0, y: 7, w: 160, h: 107 });
    expect(aspectCrop(160, 120, 1000, 1500)).toEqual({ x: 40, y: 0, w: 80, h: 120 });
  });
});
