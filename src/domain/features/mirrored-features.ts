import { composeH, type Homography } from './geometry';
import type { LocalFeatures } from './local-features';
import { THUMB_SIDE } from './local-features';
import type { PairVerification } from './verify-pair';

/**
 * A picture's features as its copy flipped left to right would have them: each keypoint's x mirrored,
 * its mirror descriptors in place of its descriptors (local-features.ts, `mirrored`), and the regions
 * and thumbnail flipped. The geometric check then needs nothing of its own for mirrors: a mirrored
 * copy is an ordinary copy of the flipped picture. Only pictures analysed with mirror descriptors can
 * be flipped (`null` otherwise).
 */
export function flipFeatures(f: LocalFeatures): LocalFeatures | null {
  if (!f.mirrored || f.mirrored.length !== f.descriptors.length) return null;
  const xy = new Uint16Array(f.xy.length);
  for (let i = 0; i < xy.length; i += 2) {
    xy[i] = 65535 - f.xy[i]!;
    xy[i + 1] = f.xy[i + 1]!;
  }
  return {
    ...f,
    xy,
    descriptors: f.mirrored,
    mirrored: f.descriptors,
    regions: f.regions.map(flipRect),
    ...(f.thumb ? { thumb: flipThumb(f.thumb) } : {}),
  };
}

function flipThumb(thumb: Uint8Array): Uint8Array {
  const out = new Uint8Array(thumb.length);
  for (let y = 0; y < THUMB_SIDE; y++)
    for (let x = 0; x < THUMB_SIDE; x++)
      out[y * THUMB_SIDE + x] = thumb[y * THUMB_SIDE + THUMB_SIDE - 1 - x]!;
  return out;
}

type Rect = readonly [number, number, number, number];

function flipRect(r: Rect): Rect {
  return [1 - r[2], r[1], 1 - r[0], r[3]];
}

/** x ↦ 1 − x on fractions of a frame: its own inverse. */
const FLIP: Homography = [-1, 0, 1, 0, 1, 0, 0, 0, 1];

/**
 * A check of (flipped a, b) or (a, flipped b), told of the pictures as they are: the flipped side's
 * positions, boxes and contained rect mirrored back, the transform composed with the flip (so it maps
 * a's frame to b's, mirroring on the way), and `mirrored` set.
 */
export function unflipVerification(r: PairVerification, flipped: 'a' | 'b'): PairVerification {
  const points = [...r.points];
  const xAt = flipped === 'a' ? 0 : 2;
  for (let k = xAt; k < points.length; k += 4) points[k] = Math.round((1 - points[k]!) * 1e4) / 1e4;
  return {
    ...r,
    transform: flipped === 'a' ? composeH(r.transform, FLIP) : composeH(FLIP, r.transform),
    containedRect: r.contained === flipped ? flipRect(r.containedRect) : r.containedRect,
    boxA: flipped === 'a' ? flipRect(r.boxA) : r.boxA,
    boxB: flipped === 'b' ? flipRect(r.boxB) : r.boxB,
    points,
    mirrored: true,
  };
}
