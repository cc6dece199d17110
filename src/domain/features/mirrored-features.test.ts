// Mirrored copies on a real photo of the shared corpus (decoded and edited with sharp in the test realm).
import { beforeAll, describe, expect, it } from 'vitest';

import { decodeCorpusImage, editPixels } from '../../../test/decode';
import type { PixelImage } from '../image/pixel-image';
import { computeLocalFeatures } from './compute-features';
import { hamming256 } from './descriptor-match';
import { applyH } from './geometry';
import type { LocalFeatures } from './local-features';
import { CheckWays, verifyPair } from './verify-pair';

const JETTY = 'images/7a689f0e75905c67.jpg';
const OTHERS = ['images/00ac65d1b55c9270.jpg', 'images/031bbb706c1d6032.jpg', 'images/0518748a4813ce5e.jpg'];

let jetty: PixelImage;
let original: LocalFeatures;
let flipped: LocalFeatures;
/** Flipped left to right, watermarked, recompressed: the re-share PDQ's dihedral hashes miss. */
let watermarked: LocalFeatures;
const others: LocalFeatures[] = [];

const withoutMirror = (f: LocalFeatures): LocalFeatures => ({ ...f, v: 2, mirrored: undefined });

beforeAll(async () => {
  jetty = await decodeCorpusImage(JETTY);
  original = computeLocalFeatures(jetty);
  flipped = computeLocalFeatures(await editPixels(jetty, (s) => s.flop()));
  const mark = `<svg xmlns="http://www.w3.org/2000/svg" width="${jetty.width}" height="${jetty.height}">
    <text x="40" y="${jetty.height - 40}" font-family="DejaVu Sans" font-size="54" font-weight="bold"
      fill="#ffffff" fill-opacity="0.7">@reposted_daily</text></svg>`;
  watermarked = computeLocalFeatures(
    await editPixels(jetty, (s) =>
      s
        .flop()
        .composite([{ input: Buffer.from(mark) }])
        .jpeg({ quality: 75 }),
    ),
  );
  for (const p of OTHERS) others.push(computeLocalFeatures(await decodeCorpusImage(p)));
}, 60_000);

describe('mirror descriptors', () => {
  it('are the descriptors the flipped picture has at the same keypoints', () => {
    const n = original.xy.length / 2;
    const mirrorDistances: number[] = [];
    const plainDistances: number[] = [];
    for (let j = 0; j < flipped.xy.length / 2; j++) {
      const x = flipped.xy[j * 2]!;
      const y = flipped.xy[j * 2 + 1]!;
      // The same corner: its x mirrored, within a pixel or two of the feature plane.
      const i = Array.from({ length: n }, (_, k) => k).find(
        (k) => Math.abs(65535 - original.xy[k * 2]! - x) < 200 && Math.abs(original.xy[k * 2 + 1]! - y) < 200,
      );
      if (i === undefined) continue;
      mirrorDistances.push(hamming256(original.mirrored!, i * 8, flipped.descriptors, j * 8));
      plainDistances.push(hamming256(original.descriptors, i * 8, flipped.descriptors, j * 8));
    }
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
    expect(mirrorDistances.length).toBeGreaterThan(0.9 * n);
    // Equal but for rounding ties of the steered tests; rBRIEF itself sees a mirror as another corner.
    expect(median(mirrorDistances)).toBeLessThanOrEqual(4);
    expect(median(plainDistances)).toBeGreaterThan(40);
  });
});

describe('the mirrored check', () => {
  it('confirms a mirrored, watermarked copy either way round, told of the pictures as they are', () => {
    const ab = verifyPair(original, watermarked);
    const ba = verifyPair(watermarked, original);
    expect(ab?.mirrored).toBe(true);
    expect(ba?.mirrored).toBe(true);
    expect(ab!.inliers).toBeGreaterThanOrEqual(50);
    expect(ba!.inliers).toBe(ab!.inliers);
    // A point of the original lands at its mirror image in the copy, and back.
    for (const [x, y] of [
      [0.2, 0.3],
      [0.7, 0.6],
    ] as const) {
      const [u, v] = applyH(ab!.transform, x, y);
      expect(u).toBeCloseTo(1 - x, 1);
      expect(v).toBeCloseTo(y, 1);
      const [bx, by] = applyH(ba!.transform, u, v);
      expect(bx).toBeCloseTo(x, 6);
      expect(by).toBeCloseTo(y, 6);
    }
    // The dots drawn on each picture are where the corners are in it (x mirrored between them).
    for (let k = 0; k < ab!.points.length; k += 4) {
      expect(Math.abs(ab!.points[k + 2]! - (1 - ab!.points[k]!))).toBeLessThan(0.03);
      expect(Math.abs(ab!.points[k + 3]! - ab!.points[k + 1]!)).toBeLessThan(0.03);
    }
    expect(Math.abs(ab!.boxB[0] - (1 - ab!.boxA[2]))).toBeLessThan(0.03);
  });

  it('needs mirror descriptors on one side only (records analysed before them still match)', () => {
    expect(verifyPair(withoutMirror(original), watermarked)?.mirrored).toBe(true);
    expect(verifyPair(original, withoutMirror(watermarked))?.mirrored).toBe(true);
    expect(verifyPair(withoutMirror(original), withoutMirror(watermarked))).toBeNull();
  });

  it('runs only the ways it is asked', () => {
    expect(verifyPair(original, watermarked, CheckWays.direct)).toBeNull();
    expect(verifyPair(original, watermarked, CheckWays.mirrored)?.mirrored).toBe(true);
    // A copy as it is is found directly, and not reported as a mirror.
    const direct = verifyPair(original, computeLocalFeatures(jetty), CheckWays.both);
    expect(direct).not.toBeNull();
    expect(direct!.mirrored).toBeUndefined();
    expect(verifyPair(original, computeLocalFeatures(jetty), CheckWays.mirrored)).toBeNull();
  });

  it('does not join unrelated photos, as they are or mirrored', () => {
    for (const other of others) {
      expect(verifyPair(original, other)).toBeNull();
      expect(verifyPair(watermarked, other)).toBeNull();
    }
  });
});
