import { describe, expect, it } from 'vitest';

import type { PixelImage } from '../image/pixel-image';
import { findTiles } from './sub-images';

/** Noise-textured RGB picture (a photo's rows are never uniform). */
function textured(width: number, height: number, seed: number): Uint8Array {
  let s = seed;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = 40 + ((s >>> 16) % 170);
  }
  return data;
}

/** A collage: rows x cols textured tiles between gutters of `gutter` px of one colour. */
function collage(rows: number, cols: number, gutter: number, skip = -1): PixelImage {
  const W = 600;
  const H = 400;
  const data = new Uint8Array(W * H * 3).fill(250);
  const tw = Math.floor((W - gutter * (cols + 1)) / cols);
  const th = Math.floor((H - gutter * (rows + 1)) / rows);
  for (let k = 0; k < rows * cols; k++) {
    if (k === skip) continue;
    const tile = textured(tw, th, k + 1);
    const x0 = gutter + (k % cols) * (tw + gutter);
    const y0 = gutter + Math.floor(k / cols) * (th + gutter);
    for (let y = 0; y < th; y++)
      data.set(tile.subarray(y * tw * 3, (y + 1) * tw * 3), ((y0 + y) * W + x0) * 3);
  }
  return { width: W, height: H, channels: 3, data };
}

describe('findTiles', () => {
  it('finds the tiles of a collage, gutters of 3 px or more, an empty cell allowed', () => {
    expect(findTiles(collage(2, 2, 3))).toHaveLength(4);
    expect(findTiles(collage(2, 3, 10))).toHaveLength(6);
    const five = findTiles(collage(2, 3, 6, 5));
    expect(five).toHaveLength(5);
    const [x0, y0, x1, y1] = five[0]!;
    expect(x0).toBeCloseTo(6 / 600, 2);
    expect(y0).toBeCloseTo(6 / 400, 2);
    expect(x1).toBeLessThan(0.34);
    expect(y1).toBeLessThan(0.51);
  });

  it('finds none in a smooth sky whose flattest stretch is as thin as a gutter', () => {
    // A vertical gradient whose range grows away from the middle column: the columns within 8 px of
    // it are uniform (a 16 px "gutter"), but they fade into their neighbours with no edge, as the
    // flat stretch of a clear sky or a fog bank does. Before the edge rule: two "tiles".
    const W = 600;
    const H = 400;
    const data = new Uint8Array(W * H * 3);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++)
        data.fill(
          Math.round(100 + (y / H) * (10 + Math.abs(x - 300) * 0.5)),
          (y * W + x) * 3,
          (y * W + x) * 3 + 3,
        );
    expect(findTiles({ width: W, height: H, channels: 3, data })).toEqual([]);
  });

  it('finds none in a photo, or in a photo with a wide flat band across it', () => {
    const photo: PixelImage = { width: 300, height: 200, channels: 3, data: textured(300, 200, 7) };
    expect(findTiles(photo)).toEqual([]);
    const banded = new Uint8Array(photo.data);
    banded.fill(128, 80 * 300 * 3, 130 * 300 * 3);
    expect(findTiles({ ...photo, data: banded })).toEqual([]);
  });
});
