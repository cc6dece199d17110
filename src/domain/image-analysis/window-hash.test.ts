// A rotation's filled windows resampled once for all fills give what a window per fill gives.
import { describe, expect, it } from 'vitest';

import { lumaPlane } from './luma-plane';
import { boundingBoxSize } from './turned-windows';
import { filledWindowHashes, windowHash } from './window-hash';

function waves(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = 128 + 60 * Math.sin(x * 0.07 + y * 0.03) + 40 * Math.cos(x * 0.02 - y * 0.09);
      data.fill(Math.max(0, Math.min(255, Math.round(v))), (y * width + x) * 3, (y * width + x + 1) * 3);
    }
  return data;
}

describe('filled windows', () => {
  it.each([-3, -0.6, 1.8])('equal a window per fill, turned %s°', (deg) => {
    const plane = lumaPlane({ width: 400, height: 300, channels: 3, data: waves(400, 300) });
    const angle = (deg * Math.PI) / 180;
    const box = boundingBoxSize(plane.width, plane.height, angle);
    const win = { cx: plane.width / 2, cy: plane.height / 2, w: box.w, h: box.h, angle };
    const shared = filledWindowHashes(plane, win, [0, 255]);
    const black = windowHash(plane, { ...win, fill: 0 });
    const white = windowHash(plane, { ...win, fill: 255 });
    expect(shared).toEqual([black, white]);
    // The corners are filled: black and white canvases hash apart.
    expect(black.hash).not.toBe(white.hash);
  });
});
