// The picture of a screenshot found between its app's flat bars, on corpus photos inside drawn chrome
// (sharp, in the test realm; the code under test reads a luma plane).
import { describe, expect, it } from 'vitest';

import { decodeCorpusImage, editPixels } from '../../../test/decode';
import type { PixelImage } from '../image/pixel-image';
import { PHOTO_TOP, phoneScreenshot, SCREEN_HEIGHT, SCREEN_WIDTH } from '../../../test/screenshot';
import { findContentRect } from './content-rect';
import { findPictureBetweenFlatRows } from './flat-chrome';
import { lumaPlane } from './luma-plane';

// A water drop on a blade of grass against a smooth bokeh (less texture than a header's text), and a
// jetty (texture everywhere).
const DROP = 'images/109c71a1a955d509.jpg';
const JETTY = 'images/7a689f0e75905c67.jpg';
// A bridge whose upper part is a pale, nearly flat sky (its left 58 %, as the harder corpus uses it).
const BRIDGE = 'images/d6d859496d317620.jpg';

/**
 * Flat shapes on a gradient between two colours of one luma, with pixel noise, as the ingest
 * benchmark draws its pictures: rows the shapes do not cross are nearly one grey, never a bar's.
 */
function shapesOnAGradient(): PixelImage {
  const [width, height] = [640, 480];
  const data = new Uint8Array(width * height * 3);
  const from = [20, 125, 165];
  const to = [225, 40, 40];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++)
        data[(y * width + x) * 3 + c] = from[c]! + ((to[c]! - from[c]!) * x) / width;
  const shapes: [number, number, number, number, number[]][] = [
    [380, 140, 480, 220, [0, 200, 100]],
    [60, 200, 200, 300, [0, 40, 230]],
    [480, 260, 640, 330, [170, 170, 190]],
  ];
  for (const [x0, y0, x1, y1, colour] of shapes)
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = colour[c]!;
  let seed = 7;
  for (let o = 0; o < data.length; o++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[o] = Math.min(255, Math.max(0, data[o]! + (seed / 2 ** 32 - 0.5) * 16));
  }
  return { width, height, channels: 3, data };
}

describe('the picture between flat rows', () => {
  it.each([false, true])(
    'boxes a smooth photo in a screenshot by its bars (dark theme: %s)',
    async (dark) => {
      const drop = await decodeCorpusImage(DROP);
      const plane = lumaPlane(await phoneScreenshot(drop, { dark }));
      const rect = findContentRect(plane)!;
      const h = Math.round((SCREEN_WIDTH * drop.height) / drop.width);
      expect(rect.framed).toBe(true);
      expect(rect.x0).toBe(0);
      expect(rect.x1).toBe(plane.width);
      expect(Math.abs(rect.y0 / plane.height - PHOTO_TOP / SCREEN_HEIGHT)).toBeLessThan(0.012);
      expect(Math.abs(rect.y1 / plane.height - (PHOTO_TOP + h) / SCREEN_HEIGHT)).toBeLessThan(0.012);
    },
  );

  it('takes no photo for a screen: not a plain one, nor one cut by a flat band', async () => {
    const jetty = await decodeCorpusImage(JETTY);
    expect(findPictureBetweenFlatRows(lumaPlane(jetty))).toBeNull();
    const band = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${jetty.width}" height="${jetty.height}">
        <rect y="${Math.round(jetty.height * 0.4)}" width="${jetty.width}" height="${Math.round(jetty.height * 0.08)}" fill="#fff"/></svg>`,
    );
    const banded = await editPixels(jetty, (s) => s.composite([{ input: band }]));
    // Varied rows on both sides of the band: neither part is the picture of a screen.
    expect(findPictureBetweenFlatRows(lumaPlane(banded))).toBeNull();
    // A caption bar on top (a meme) is chrome: the photo below it is the picture.
    const caption = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${jetty.width}" height="${jetty.height}">
        <rect width="${jetty.width}" height="${Math.round(jetty.height * 0.2)}" fill="#fff"/>
        <text x="40" y="${Math.round(jetty.height * 0.13)}" font-family="DejaVu Sans" font-size="48">when the jetty is long</text></svg>`,
    );
    const meme = lumaPlane(await editPixels(jetty, (s) => s.composite([{ input: caption }])));
    const box = findPictureBetweenFlatRows(meme)!;
    expect(Math.abs(box.y0 / meme.height - 0.2)).toBeLessThan(0.012);
    expect(box.y1).toBe(meme.height);
  });

  it('takes no picture of flat shapes on a gradient for a screen: its flat rows are no bar', async () => {
    // Rows above and below the shapes are 60-85 % one grey (flat), but no two in a row are plain.
    const picture = await editPixels(shapesOnAGradient(), (s) => s.jpeg({ quality: 85 }));
    expect(findPictureBetweenFlatRows(lumaPlane(picture))).toBeNull();
  });

  it.each([false, true])(
    'grows the box over a pale sky to the bar above it (dark theme: %s)',
    async (dark) => {
      const bridge = await decodeCorpusImage(BRIDGE);
      const left = await editPixels(bridge, (s) =>
        s.extract({ left: 0, top: 0, width: Math.round(bridge.width * 0.58), height: bridge.height }),
      );
      const plane = lumaPlane(await phoneScreenshot(left, { dark }));
      const box = findPictureBetweenFlatRows(plane)!;
      const h = Math.round((SCREEN_WIDTH * left.height) / left.width);
      // The sky's rows are flat, so the varied run begins lower down; the box begins at the bar.
      expect(Math.abs(box.y0 / plane.height - PHOTO_TOP / SCREEN_HEIGHT)).toBeLessThan(0.006);
      expect(Math.abs(box.y1 / plane.height - (PHOTO_TOP + h) / SCREEN_HEIGHT)).toBeLessThan(0.006);
    },
  );
});
