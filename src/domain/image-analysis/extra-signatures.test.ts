import { describe, expect, it } from 'vitest';

import { hammingDistanceHex } from '../hashing/hamming';
import { pdqFromImage } from '../hashing/pdq';
import type { PixelImage } from '../image/pixel-image';
import { matchCrop } from './crop-alignment';
import { computeExtraSignatures } from './extra-signatures';
import { fromBase64, thumbnailPlane, toBase64 } from './thumbnail';

function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A photo-like test picture: smooth random blobs and waves, different per seed. */
function picture(width: number, height: number, seed: number): PixelImage {
  const r = rng(seed);
  const blobs = Array.from({ length: 14 }, () => ({
    x: r() * width,
    y: r() * height,
    s: 10 + r() * 60,
    a: (r() - 0.5) * 220,
  }));
  const waves = Array.from({ length: 4 }, () => ({
    fx: r() * 0.08,
    fy: r() * 0.08,
    p: r() * 6,
    a: r() * 30,
  }));
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let v = 128;
      for (const b of blobs) v += b.a * Math.exp(-((x - b.x) ** 2 + (y - b.y) ** 2) / (2 * b.s * b.s));
      for (const w of waves) v += w.a * Math.sin(x * w.fx + y * w.fy + w.p);
      const c = Math.max(0, Math.min(255, Math.round(v)));
      data.set(
        [c, Math.max(0, Math.min(255, c + 20)), Math.max(0, Math.min(255, 255 - c))],
        (y * width + x) * 3,
      );
    }
  return { width, height, channels: 3, data };
}

/** Bilinear sample of the picture at (x, y), or the fill outside it. */
function sampleAt(img: PixelImage, x: number, y: number, c: number, fill: number): number {
  if (x < 0 || y < 0 || x > img.width - 1 || y > img.height - 1) return fill;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(img.width - 1, x0 + 1);
  const y1 = Math.min(img.height - 1, y0 + 1);
  const at = (xx: number, yy: number) => img.data[(yy * img.width + xx) * 3 + c]!;
  const fx = x - x0;
  const fy = y - y0;
  return (
    (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x1, y0)) + fy * ((1 - fx) * at(x0, y1) + fx * at(x1, y1))
  );
}

/** Draws `img` into a canvas of w x h at (ox, oy), turned by `deg` about its centre. */
function compose(
  img: PixelImage,
  w: number,
  h: number,
  ox: number,
  oy: number,
  bg: number,
  deg = 0,
): PixelImage {
  const data = new Uint8Array(w * h * 3).fill(bg);
  const a = (deg * Math.PI) / 180;
  const cx = ox + img.width / 2;
  const cy = oy + img.height / 2;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const sx = dx * Math.cos(a) + dy * Math.sin(a) + img.width / 2;
      const sy = -dx * Math.sin(a) + dy * Math.cos(a) + img.height / 2;
      for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = Math.round(sampleAt(img, sx, sy, c, bg));
    }
  return { width: w, height: h, channels: 3, data };
}

function crop(img: PixelImage, x0: number, y0: number, w: number, h: number): PixelImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    data.set(
      img.data.subarray(((y0 + y) * img.width + x0) * 3, ((y0 + y) * img.width + x0 + w) * 3),
      y * w * 3,
    );
  return { width: w, height: h, channels: 3, data };
}

const photo = picture(320, 240, 1);
const photoPdq = pdqFromImage(photo).hash;
const other = picture(320, 240, 2);

describe('computeExtraSignatures', () => {
  it('finds the picture inside uniform borders', () => {
    const bordered = compose(photo, 360, 290, 20, 25, 235);
    expect(hammingDistanceHex(pdqFromImage(bordered).hash, photoPdq)).toBeGreaterThan(31);
    const extra = computeExtraSignatures(bordered);
    expect(extra.content).toBeDefined();
    expect(hammingDistanceHex(extra.content!.hash, photoPdq)).toBeLessThanOrEqual(31);
  });

  it('finds the photo inside a screenshot-like canvas with flat panels', () => {
    const canvas = compose(photo, 640, 420, 250, 110, 245);
    // A flat side panel and a title bar, as a viewer window draws them.
    for (let y = 0; y < 420; y++)
      for (let x = 0; x < 640; x++)
        if (x < 120 || y < 24)
          canvas.data.set(x < 120 && y >= 24 ? [200, 205, 210] : [60, 60, 60], (y * 640 + x) * 3);
    const extra = computeExtraSignatures(canvas);
    expect(hammingDistanceHex(extra.content!.hash, photoPdq)).toBeLessThanOrEqual(31);
    expect(hammingDistanceHex(extra.content!.hash, pdqFromImage(other).hash)).toBeGreaterThan(31);
  });

  it('has a turned hash near the PDQ of a copy rotated by 2°', () => {
    const box = {
      w: Math.round(320 * Math.cos(0.035) + 240 * Math.sin(0.035)),
      h: Math.round(320 * Math.sin(0.035) + 240 * Math.cos(0.035)),
    };
    const turned = compose(photo, box.w, box.h, (box.w - 320) / 2, (box.h - 240) / 2, 0, 2);
    const turnedPdq = pdqFromImage(turned).hash;
    const extra = computeExtraSignatures(photo);
    const best = Math.min(...extra.turned.map((h) => hammingDistanceHex(h, turnedPdq)));
    expect(best).toBeLessThanOrEqual(31);
    const unrelated = Math.min(
      ...computeExtraSignatures(other).turned.map((h) => hammingDistanceHex(h, turnedPdq)),
    );
    expect(unrelated).toBeGreaterThan(31);
  });

  it('is plain data that survives JSON, and small', () => {
    const extra = computeExtraSignatures(photo);
    const json = JSON.stringify(extra);
    expect(JSON.parse(json)).toEqual(extra);
    expect(json.length).toBeLessThan(4096);
  });
});

describe('matchCrop', () => {
  it('aligns a 15% crop inside its original and confirms it with PDQ, but not inside another picture', () => {
    const cropped = crop(photo, 30, 10, 272, 214);
    const croppedPdq = pdqFromImage(cropped).hash;
    const big = thumbnailPlane(computeExtraSignatures(photo).thumb)!;
    const small = thumbnailPlane(computeExtraSignatures(cropped).thumb)!;
    const found = matchCrop(big, small, croppedPdq, 31);
    expect(found).not.toBeNull();
    expect(found!.window[0]).toBeCloseTo(30 / 320, 1);
    const elsewhere = thumbnailPlane(computeExtraSignatures(other).thumb)!;
    expect(matchCrop(elsewhere, small, croppedPdq, 31)).toBeNull();
  });
});

describe('thumbnail base64', () => {
  it('round-trips bytes and rejects what is not base64', () => {
    const bytes = Uint8Array.from({ length: 1024 }, (_, i) => (i * 37) & 255);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(fromBase64('**')).toBeNull();
    expect(thumbnailPlane('AAAA')).toBeNull();
  });
});
