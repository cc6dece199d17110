// Local features and the geometric check on real photos of the shared corpus (decoded with sharp:
// the test realm may use Node; the code under test is pure). Edits are made here on the decoded pixels.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus';
import { decodeCorpusImage, editPixels } from '../../../test/decode';
import { phoneScreenshot as screenshot } from '../../../test/screenshot';
import type { PixelImage } from '../image/pixel-image';
import { analyseImage, computeLocalFeatures } from './compute-features';
import { applyH } from './geometry';
import type { LocalFeatures } from './local-features';
import { verifyPair } from './verify-pair';

// Originals of the public corpus (see its manifest): a jetty, a stereo pair (left and right views), a
// water drop on a blade of grass against a smooth, out-of-focus background.
const JETTY = 'images/7a689f0e75905c67.jpg';
const DROP = 'images/109c71a1a955d509.jpg';

const decode = decodeCorpusImage;
const edit = editPixels;

let jetty: PixelImage;
let jettyFeatures: LocalFeatures;
const crop = { left: 100, top: 300, width: 450, height: 280 };
let cropFeatures: LocalFeatures;
const sheet: LocalFeatures[] = [];

beforeAll(async () => {
  jetty = await decode(JETTY);
  jettyFeatures = computeLocalFeatures(jetty);
  // 19 % of the area, blown up 2.5x, recompressed.
  const cropped = await edit(jetty, (s) =>
    s.extract(crop).resize({ width: 1125, height: 700 }).jpeg({ quality: 80 }),
  );
  cropFeatures = computeLocalFeatures(await edit(cropped, (s) => s));
  const others = [
    'images/00ac65d1b55c9270.jpg',
    'images/031bbb706c1d6032.jpg',
    'images/0518748a4813ce5e.jpg',
  ];
  for (const p of others) sheet.push(computeLocalFeatures(await decode(p)));
  const sheared = await edit(jetty, (s) =>
    s.affine([1, 0.15, 0, 1], { background: '#000' }).jpeg({ quality: 70 }),
  );
  // A mirrored crop: the symmetry below covers the mirrored check too.
  const mirroredCrop = await edit(jetty, (s) =>
    s.flop().extract({ left: 200, top: 100, width: 600, height: 420 }).jpeg({ quality: 80 }),
  );
  sheet.push(jettyFeatures, cropFeatures, computeLocalFeatures(sheared), computeLocalFeatures(mirroredCrop));
}, 60_000);

describe('computeLocalFeatures', () => {
  it('finds hundreds of keypoints spread over a photo, the same ones every time', () => {
    const n = jettyFeatures.xy.length / 2;
    expect(n).toBeGreaterThan(300);
    expect(jettyFeatures.descriptors.length).toBe(n * 8);
    const again = computeLocalFeatures(jetty);
    expect(again.xy).toEqual(jettyFeatures.xy);
    expect(again.descriptors).toEqual(jettyFeatures.descriptors);
    // Spread: keypoints in every quarter of the picture.
    const quarters = new Set<number>();
    for (let i = 0; i < n; i++)
      quarters.add(
        (jettyFeatures.xy[i * 2]! >= 32768 ? 1 : 0) + (jettyFeatures.xy[i * 2 + 1]! >= 32768 ? 2 : 0),
      );
    expect(quarters.size).toBe(4);
  });

  it('keeps only the keypoints of the picture inside a screenshot-like frame', () => {
    const withContent = analyseImage(jetty);
    const inside = computeLocalFeatures(jetty, [0.25, 0.25, 0.75, 0.75]);
    for (let i = 0; i < inside.xy.length / 2; i++) {
      expect(inside.xy[i * 2]! / 65535).toBeGreaterThanOrEqual(0.25);
      expect(inside.xy[i * 2 + 1]! / 65535).toBeLessThanOrEqual(0.75);
    }
    expect(inside.xy.length).toBeLessThan(withContent.features.xy.length);
  });

  it('gives the photo of a tall screenshot a feature plane of its own, told in the whole picture', async () => {
    const shot = await screenshot(jetty);
    // The photo's box (the screenshot helper below puts it 120 px down, full width).
    const h = Math.round((540 * jetty.height) / jetty.width);
    const rect = [0, 120 / shot.height, 1, (120 + h) / shot.height];
    const own = computeLocalFeatures(shot, rect);
    // What the whole screen's plane held inside the box (a third of the photo's pixels across).
    const whole = computeLocalFeatures(shot);
    let insideWhole = 0;
    for (let i = 0; i < whole.xy.length / 2; i++) {
      const y = whole.xy[i * 2 + 1]! / 65535;
      if (y >= rect[1]! && y <= rect[3]!) insideWhole++;
    }
    const n = own.xy.length / 2;
    expect(n).toBeGreaterThan(1.5 * insideWhole);
    for (let i = 0; i < n; i++) {
      expect(own.xy[i * 2 + 1]! / 65535).toBeGreaterThanOrEqual(rect[1]! - 0.005);
      expect(own.xy[i * 2 + 1]! / 65535).toBeLessThanOrEqual(rect[3]! + 0.005);
    }
    // Square pixels: the stored plane keeps the screenshot's shape.
    expect(own.width / own.height).toBeCloseTo(shot.width / shot.height, 2);
    // The photo is found in it, where it is.
    const v = verifyPair(jettyFeatures, own)!;
    expect(v.contained).toBe('a');
    const [x, y] = applyH(v.transform, 0.5, 0.5);
    expect(x).toBeCloseTo(0.5, 1);
    expect(Math.abs(y - (rect[1]! + rect[3]!) / 2)).toBeLessThan(0.02);
  });

  // A storm over a road (public corpus, pub-b025): a textured band of horizon and guard rail between
  // a smooth sky and a smooth road, which the content finder boxes as if the rest were a letterbox.
  const STORM = 'images/590eca6b00dd28e1.jpg';
  const STORM_IN_BORDER = 'images/7cc1ce1be180c242.jpg';

  it('keeps the sky and road of a photo whose content box is not a frame', async () => {
    const { extra, features } = analyseImage(await decode(STORM));
    const rect = extra.content!.rect;
    expect(extra.content!.framed).toBe(false);
    let outside = 0;
    for (let i = 0; i < features.xy.length / 2; i++) {
      const y = features.xy[i * 2 + 1]! / 65535;
      if (y < rect[1]! || y > rect[3]!) outside++;
    }
    // The clouds hold most of the photo's corners (11 of 285 were kept when the box bounded them).
    expect(outside).toBeGreaterThan(100);
  });

  it('keeps only the keypoints inside a real border', async () => {
    const { extra, features } = analyseImage(await decode(STORM_IN_BORDER));
    const rect = extra.content!.rect;
    expect(extra.content!.framed).toBe(true);
    expect(features.xy.length / 2).toBeGreaterThan(100);
    for (let i = 0; i < features.xy.length / 2; i++) {
      expect(features.xy[i * 2]! / 65535).toBeGreaterThanOrEqual(rect[0]! - 0.01);
      expect(features.xy[i * 2 + 1]! / 65535).toBeLessThanOrEqual(rect[3]! + 0.01);
    }
  });
});

describe('verifyPair', () => {
  it('finds a small, blown-up crop inside its original and says where it is', () => {
    const v = verifyPair(jettyFeatures, cropFeatures);
    expect(v).not.toBeNull();
    expect(v!.contained).toBe('b');
    expect(v!.inliers).toBeGreaterThanOrEqual(12);
    // The crop's corners map back onto the crop rectangle of the original (within 2 % of its side).
    const inverse = [...v!.transform] as unknown as Parameters<typeof applyH>[0];
    const [x0, y0] = applyH(invert(inverse), 0, 0);
    const [x1, y1] = applyH(invert(inverse), 1, 1);
    expect(x0).toBeCloseTo(crop.left / jetty.width, 1);
    expect(y0).toBeCloseTo(crop.top / jetty.height, 1);
    expect(Math.abs(x1 - (crop.left + crop.width) / jetty.width)).toBeLessThan(0.02);
    expect(Math.abs(y1 - (crop.top + crop.height) / jetty.height)).toBeLessThan(0.02);
  });

  it('finds a sheared copy, and a mirrored crop as a mirror', () => {
    expect(verifyPair(jettyFeatures, sheet[5]!)).not.toBeNull();
    expect(verifyPair(jettyFeatures, sheet[6]!)?.mirrored).toBe(true);
  });

  it('keeps different photos apart, and the two views of a stereo pair too', async () => {
    for (const other of sheet.slice(0, 3)) expect(verifyPair(jettyFeatures, other)).toBeNull();
    const left = computeLocalFeatures(await decode('images/' + (await stereo('left'))));
    const right = computeLocalFeatures(await decode('images/' + (await stereo('right'))));
    expect(verifyPair(left, right)).toBeNull();
  });

  it('keeps apart two screenshots of one app showing different photos, matched by their chrome', async () => {
    const photos = [await decode('images/00ac65d1b55c9270.jpg'), await decode('images/031bbb706c1d6032.jpg')];
    const shots = await Promise.all(photos.map((p) => screenshot(p)));
    // Keypoints of the whole screen, as when the photo's box is not found to be framed.
    const [a, b] = shots.map((s) => computeLocalFeatures(s));
    expect(verifyPair(a!, b!)).toBeNull();
    // Each still holds its own photo.
    for (const [k, photo] of photos.entries())
      expect(verifyPair(computeLocalFeatures(photo), k === 0 ? a! : b!)).not.toBeNull();
    // As analysed, each screenshot's photo is boxed between its bars: its keypoints are the photo's.
    const [sa, sb] = shots.map((s) => analyseImage(s));
    expect(sa!.extra.content?.framed).toBe(true);
    expect(verifyPair(sa!.features, sb!.features)).toBeNull();
    for (const [k, photo] of photos.entries())
      expect(verifyPair(computeLocalFeatures(photo), (k === 0 ? sa! : sb!).features)).not.toBeNull();
  });

  it('keeps the stereo pair apart when one view is cropped to lie inside the other (parallax)', async () => {
    const left = await decode('images/' + (await stereo('left')));
    const right = computeLocalFeatures(await decode('images/' + (await stereo('right'))));
    // As the public corpus crops it: 15 % off the width and the height.
    const rect = { left: 47, top: 5, width: 628, height: 422 };
    const leftCrop = computeLocalFeatures(await edit(left, (s) => s.extract(rect).jpeg({ quality: 89 })));
    expect(verifyPair(right, leftCrop)).toBeNull();
    // The crop still matches its own view.
    expect(verifyPair(computeLocalFeatures(left), leftCrop)).not.toBeNull();
  });

  it('finds a crop of a mostly smooth picture, whose keypoints bunch on its one textured spot', async () => {
    const { drop, dropCrop } = await dropAndCrop();
    const v = verifyPair(drop, dropCrop);
    expect(v).not.toBeNull();
    expect(v!.contained).toBe('b');
  });

  it('keeps apart two pictures that share only a sticker, even when the rest is smooth', async () => {
    const { dropCrop, cropped } = await dropAndCrop();
    // The drop (the crop's only texture) pasted at the same place onto a different picture.
    const sticker = await edit(cropped, (s) =>
      s.extract({ left: 20, top: 0, width: 160, height: 200 }).png(),
    );
    const ground = await decode('images/00ac65d1b55c9270.jpg');
    const pasted = await edit(ground, (s) =>
      s
        .resize({ width: cropped.width, height: cropped.height, fit: 'fill' })
        .composite([
          {
            input: Buffer.from(sticker.data),
            raw: { width: sticker.width, height: sticker.height, channels: 3 },
            left: 20,
            top: 0,
          },
        ])
        .jpeg({ quality: 85 }),
    );
    expect(verifyPair(dropCrop, computeLocalFeatures(pasted))).toBeNull();
  });

  it('is symmetric: either order gives the same inliers and inverse transforms', () => {
    fc.assert(
      fc.property(fc.nat(sheet.length - 1), fc.nat(sheet.length - 1), (i, j) => {
        const ab = verifyPair(sheet[i]!, sheet[j]!);
        const ba = verifyPair(sheet[j]!, sheet[i]!);
        expect(ab === null).toBe(ba === null);
        if (!ab || !ba) return;
        expect(ab.inliers).toBe(ba.inliers);
        expect(ab.mirrored).toBe(ba.mirrored);
        if (i !== j) expect(ab.contained).toBe(ba.contained === 'a' ? 'b' : 'a');
        // b's centre taken to a and back lands where it started.
        const [x, y] = applyH(ba.transform, 0.5, 0.5);
        const [u, v] = applyH(ab.transform, x, y);
        expect(u).toBeCloseTo(0.5, 6);
        expect(v).toBeCloseTo(0.5, 6);
      }),
      { numRuns: 40 },
    );
  });
});

/** The stereo views' files, from the corpus manifest (their names are opaque). */
async function stereo(side: 'left' | 'right'): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const rows = (await readFile(corpusPath('manifest.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string; role: string; source_id: string });
  const row = rows.find((r) => r.role === 'original' && r.source_id === `skimage-motorcycle-${side}`)!;
  return row.file.replace('images/', '');
}

function invert(h: Parameters<typeof applyH>[0]): Parameters<typeof applyH>[0] {
  const [a, b, c, d, e, f, g, k, i] = h;
  const A = e * i - f * k;
  const B = -(d * i - f * g);
  const C = d * k - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * k) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * k - b * g) / det,
    (a * e - b * d) / det,
  ];
}

/** The drop photo and a crop of 21 % of it around the drop, mostly smooth background (recompressed). */
async function dropAndCrop(): Promise<{ drop: LocalFeatures; dropCrop: LocalFeatures; cropped: PixelImage }> {
  const image = await decode(DROP);
  const rect = {
    left: Math.round(image.width * 0.18),
    top: Math.round(image.height * 0.38),
    width: Math.round(image.width * 0.35),
    height: Math.round(image.height * 0.6),
  };
  const cropped = await edit(image, (s) => s.extract(rect).jpeg({ quality: 82 }));
  return { drop: computeLocalFeatures(image), dropCrop: computeLocalFeatures(cropped), cropped };
}
