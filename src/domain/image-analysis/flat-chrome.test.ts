// The picture of a screenshot found between its app's flat bars, on corpus photos inside drawn chrome
// (sharp, in the test realm; the code under test reads a luma plane).
import { describe, expect, it } from 'vitest';

import { decodeCorpusImage, editPixels } from '../../../test/decode';
import { PHOTO_TOP, phoneScreenshot, SCREEN_HEIGHT, SCREEN_WIDTH } from '../../../test/screenshot';
import { findContentRect } from './content-rect';
import { findPictureBetweenFlatRows } from './flat-chrome';
import { lumaPlane } from './luma-plane';

// A water drop on a blade of grass against a smooth bokeh (less texture than a header's text), and a
// jetty (texture everywhere).
const DROP = 'images/109c71a1a955d509.jpg';
const JETTY = 'images/7a689f0e75905c67.jpg';

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
});
