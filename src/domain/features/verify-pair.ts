import { enoughMatchOneWay, hamming256, matchDescriptors, MATCH_DEFAULTS } from './descriptor-match';
import {
  affineFrom3,
  affineToHomography,
  applyH,
  fitAffine,
  fitHomography,
  invertH,
  type Affine,
  type Homography,
} from './geometry';
import { THUMB_SIDE, type LocalFeatures } from './local-features';
import { flipFeatures, unflipVerification } from './mirrored-features';
import { showsSecondPlane } from './second-plane';

/**
 * The geometric check of a candidate pair: does one picture contain the other (or a sub-image of the
 * other), under one plane transform, shown by many keypoint matches spread over it?
 *
 * 1. Correspondences: mutual nearest descriptors that pass the ratio test (descriptor-match.ts).
 * 2. RANSAC on an affine model (3-point samples, a fixed sequence of draws: the same pair always gives
 *    the same answer), then least-squares refits: affine, and a homography when it explains more.
 * 3. Accept only when
 *    - at least MIN_INLIERS matches agree with the model and they are a fair share of all matches;
 *    - the model is a plausible edit: no mirror (mirrors are PDQ's dihedral job), scale within 1/8..8,
 *      anisotropy ≤ 2.5 (shears and keystones pass, a collapse does not);
 *    - one side is CONTAINED in the other: the whole frame of one picture (or of one of its regions:
 *      a collage tile, the photo of a screenshot) maps inside the other's frame, overshooting by no
 *      more than CONTAIN_TOLERANCE of its size. A crop, a letterbox, a screenshot, a collage tile, a
 *      shear or a keystone pass; two different shots of one scene that merely overlap (a stereo pair,
 *      a panning series) do not, however many keypoints they share;
 *    - the matches off the model do not show a second plane (second-plane.ts): two shots of one scene
 *      from nearby places, one inside the other, fit one plane of the scene and miss the rest of it
 *      by parallax, all in one direction;
 *    - the inliers are spread over the contained picture: their bounding box covers MIN_COVER of it,
 *      and they fall in at least SPREAD_LINES rows and columns of a SPREAD_GRID² grid laid on it. So
 *      the model is not extrapolated from one spot, and a shared logo, caption or sticker (inliers on
 *      one or two lines of text) never makes two pictures one. The spread counts the inliers and the
 *      guided matches (guidedPairs): once a model is known, a keypoint that it maps next to a keypoint
 *      with a close descriptor agrees with it too, though the strict nearest-neighbour ratio test
 *      dropped it (repeated texture); a small crop whose ratio-test matches bunch on one textured spot
 *      shows its agreement over the rest of the frame this way, while a shared logo does not (the rest
 *      of two different pictures has no keypoint where the model points with a descriptor that close).
 *      When the keypoints still bunch (a crop of a smooth sky around one textured spot), the pictures
 *      themselves are compared instead: with at least PHOTO_MIN_INLIERS inliers, the contained frame's
 *      grey thumbnail, mapped by the model, must agree with the other's (photometricAgreement) — the
 *      rest of two different pictures that share a sticker does not. Whole frames only, not collage
 *      tiles. A whole frame with fewer than PHOTO_MIN_INLIERS inliers must agree so even when they
 *      spread: a few corners of flat shapes in two unrelated pictures fit an affine map by chance.
 *
 * 4. When the pictures are not one another's copy as they are, one of them is flipped left to right
 *    (mirrored-features.ts: its mirror descriptors stand in for its descriptors) and checked again by
 *    the same rules: a mirrored copy, the usual re-share that defeats PDQ (with a watermark, its
 *    dihedral hashes miss too). The model itself must still be no mirror: a flip is said, not fitted.
 *
 * Symmetric: the pair is put in a canonical order before the check and the answer turned back, so
 * verifyPair(a, b) and verifyPair(b, a) agree (same inliers, inverse transforms). The mirrored check
 * flips the canonically first picture that has mirror descriptors, whichever way round it was asked.
 */
export interface PairVerification {
  readonly inliers: number;
  readonly matches: number;
  /** Maps fractions of a's frame to fractions of b's frame. */
  readonly transform: Homography;
  /** Which side lies inside the other: a's frame (or region) in b, or b's in a. */
  readonly contained: 'a' | 'b';
  /** The contained frame or region, as fractions [x0,y0,x1,y1] of its own picture. */
  readonly containedRect: readonly [number, number, number, number];
  /** Bounding boxes of the inliers, fractions of each picture: what to outline in the pair view. */
  readonly boxA: readonly [number, number, number, number];
  readonly boxB: readonly [number, number, number, number];
  /** Up to MAX_SHOWN inlier positions (fractions: ax, ay, bx, by), for drawing. */
  readonly points: readonly number[];
  /** One picture is a mirror image of (a part of) the other: found by flipping one of them. */
  readonly mirrored?: boolean;
}

/**
 * Which ways a candidate pair is checked: as the pictures are, with one of them flipped, or both.
 * The descriptor index says which way a pair met (its own descriptors or its mirror descriptors), and
 * a check the other way would cost as much again for nothing.
 */
export const CheckWays = { direct: 'direct', mirrored: 'mirrored', both: 'both' } as const;
export type CheckWays = (typeof CheckWays)[keyof typeof CheckWays];

export const MIN_INLIERS = 8;
const MIN_INLIER_SHARE = 0.2;
const INLIER_PX = 4;
const ITERATIONS = 400;
const CONTAIN_TOLERANCE = 0.04;
const MIN_COVER = 0.1;
const SPREAD_GRID = 8;
const SPREAD_LINES = 3;
const MAX_SHOWN = 48;
/**
 * A guided match's descriptor distance at most: well below the ratio-tested matches' MAX (80), as the
 * position already says where to look; unrelated patches differ in about 128 of 256 bits.
 */
const GUIDED_MAX_DISTANCE = 64;
/**
 * The photometric check: the inliers below which a whole frame needs it (and without which bunched
 * keypoints cannot use it), grid of samples, and the largest mean grey difference.
 */
const PHOTO_MIN_INLIERS = 12;
const PHOTO_GRID = 12;
const PHOTO_MAX_DIFFERENCE = 10;
/**
 * A whole frame mapped onto at least this share of the other picture must look like it too (containment
 * above): a crop fills a fifth to a half of its original, a screenshot's photo a third of the screen,
 * while two screenshots of one app matched by their chrome fill each other.
 */
const PHOTO_FILL = 0.6;
/** Share of the samples that must land inside the other picture (the frame is contained). */
const PHOTO_MIN_INSIDE = 0.8;
const FULL: readonly [number, number, number, number] = [0, 0, 1, 1];

export function verifyPair(
  a: LocalFeatures,
  b: LocalFeatures,
  ways: CheckWays = CheckWays.both,
): PairVerification | null {
  const inOrder = compareFeatures(a, b) <= 0;
  const [first, second] = inOrder ? [a, b] : [b, a];
  const r =
    (ways !== CheckWays.mirrored ? verifyOrdered(first, second) : null) ??
    (ways !== CheckWays.direct ? verifyMirrored(first, second) : null);
  return !r || inOrder ? r : swapSides(r);
}

/** The check with `first` flipped, or `second` when `first` has no mirror descriptors. */
function verifyMirrored(first: LocalFeatures, second: LocalFeatures): PairVerification | null {
  const flippedFirst = flipFeatures(first);
  if (flippedFirst) {
    const r = verifyEitherWay(flippedFirst, second);
    return r && unflipVerification(r, 'a');
  }
  const flippedSecond = flipFeatures(second);
  if (!flippedSecond) return null;
  const r = verifyEitherWay(first, flippedSecond);
  return r && unflipVerification(r, 'b');
}

function verifyEitherWay(a: LocalFeatures, b: LocalFeatures): PairVerification | null {
  if (compareFeatures(a, b) <= 0) return verifyOrdered(a, b);
  const r = verifyOrdered(b, a);
  return r && swapSides(r);
}

/** The same answer told from the other picture's side. */
function swapSides(r: PairVerification): PairVerification | null {
  const inverse = invertH(r.transform);
  if (!inverse) return null;
  const points: number[] = [];
  for (let i = 0; i < r.points.length; i += 4)
    points.push(r.points[i + 2]!, r.points[i + 3]!, r.points[i]!, r.points[i + 1]!);
  return {
    ...r,
    transform: inverse,
    contained: r.contained === 'a' ? 'b' : 'a',
    boxA: r.boxB,
    boxB: r.boxA,
    points,
  };
}

/** A total order on feature sets (size, then descriptors), so the check runs one way only. */
function compareFeatures(a: LocalFeatures, b: LocalFeatures): number {
  const n = Math.min(a.descriptors.length, b.descriptors.length);
  if (a.descriptors.length !== b.descriptors.length) return a.descriptors.length - b.descriptors.length;
  for (let i = 0; i < n; i++)
    if (a.descriptors[i] !== b.descriptors[i]) return a.descriptors[i]! - b.descriptors[i]!;
  for (let i = 0; i < a.xy.length; i++) if (a.xy[i] !== b.xy[i]) return a.xy[i]! - b.xy[i]!;
  return a.width - b.width || a.height - b.height;
}

/**
 * A quick no: every PROBE_STEP-th descriptor of a against all of b (a quarter of the full matching),
 * one-way ratio test. A true pair passes with room to spare (its matches are a share of all
 * keypoints, so a share of the probes); most candidate pairs the index proposes are not true and
 * stop here.
 */
const PROBE_STEP = 4;
const PROBE_MIN = 3;

function probablyUnrelated(a: LocalFeatures, b: LocalFeatures): boolean {
  return !enoughMatchOneWay(a.descriptors, b.descriptors, PROBE_STEP, PROBE_MIN, MATCH_DEFAULTS);
}

function verifyOrdered(a: LocalFeatures, b: LocalFeatures): PairVerification | null {
  if (probablyUnrelated(a, b)) return null;
  const m = matchDescriptors(a.descriptors, b.descriptors, MATCH_DEFAULTS);
  const n = m.length / 3;
  if (n < MIN_INLIERS) return null;
  const p = new Float64Array(n * 2);
  const q = new Float64Array(n * 2);
  const fa = [a.width / 65535, a.height / 65535];
  const fb = [b.width / 65535, b.height / 65535];
  for (let k = 0; k < n; k++) {
    const i = m[k * 3]!;
    const j = m[k * 3 + 1]!;
    p[k * 2] = a.xy[i * 2]! * fa[0]!;
    p[k * 2 + 1] = a.xy[i * 2 + 1]! * fa[1]!;
    q[k * 2] = b.xy[j * 2]! * fb[0]!;
    q[k * 2 + 1] = b.xy[j * 2 + 1]! * fb[1]!;
  }
  const model = ransacAffine(p, q, n);
  if (!model) return null;
  let best: { H: Homography; inliers: number[] } = {
    H: affineToHomography(model.affine),
    inliers: model.inliers,
  };
  // Refine: affine least squares, then a homography when it explains more points.
  for (let round = 0; round < 2; round++) {
    const affine = fitAffine(p, q, best.inliers);
    if (affine && plausibleAffine(affine)) {
      const H = affineToHomography(affine);
      const inliers = inliersOf(H, p, q, n, scaleOf(affine));
      if (inliers.length >= best.inliers.length) best = { H, inliers };
    }
    const H = fitHomography(p, q, best.inliers);
    if (H && plausibleHomography(H, a, b)) {
      const inliers = inliersOf(H, p, q, n, localScale(H, a));
      if (inliers.length > best.inliers.length) best = { H, inliers };
    }
  }
  const count = best.inliers.length;
  if (count < MIN_INLIERS || count < MIN_INLIER_SHARE * n) return null;
  if (showsSecondPlane(best.H, p, q, n, count, INLIER_PX * Math.max(1, localScale(best.H, a)))) return null;

  // In fractions of each frame.
  const Hf = toFractions(best.H, a, b);
  const HfInv = invertH(Hf);
  if (!HfInv) return null;
  const agree = guidedPairs(best.H, a, b, fa, fb, p, q, best.inliers);
  const all = Array.from({ length: agree.count }, (_, k) => k);
  const boxA = boxOf(agree.p, all, a.width, a.height);
  const boxB = boxOf(agree.q, all, b.width, b.height);
  const inA = fractionsOf(agree.p, all, a.width, a.height);
  const inB = fractionsOf(agree.q, all, b.width, b.height);
  const contained = containment(Hf, HfInv, a, b, boxA, boxB, inA, inB, count);
  if (!contained) return null;
  const step = Math.max(1, Math.floor(count / MAX_SHOWN));
  const points: number[] = [];
  for (let k = 0; k < count && points.length < MAX_SHOWN * 4; k += step) {
    const i = best.inliers[k]!;
    points.push(
      round4(p[i * 2]! / a.width),
      round4(p[i * 2 + 1]! / a.height),
      round4(q[i * 2]! / b.width),
      round4(q[i * 2 + 1]! / b.height),
    );
  }
  return { inliers: count, matches: n, transform: Hf, ...contained, boxA, boxB, points };
}

/**
 * The inliers plus the guided matches: each keypoint of a that is not an inlier, mapped by H, and the
 * keypoint of b nearest in descriptor among those within the inlier tolerance of where it lands, when
 * that descriptor is within GUIDED_MAX_DISTANCE. Each keypoint of b is used once. Positions in plane
 * pixels, inliers first.
 */
function guidedPairs(
  H: Homography,
  a: LocalFeatures,
  b: LocalFeatures,
  fa: readonly number[],
  fb: readonly number[],
  p: Float64Array,
  q: Float64Array,
  inliers: readonly number[],
): { p: Float64Array; q: Float64Array; count: number } {
  const na = a.xy.length / 2;
  const nb = b.xy.length / 2;
  const limit = INLIER_PX * Math.max(1, localScale(H, a));
  const outP: number[] = [];
  const outQ: number[] = [];
  for (const k of inliers) {
    outP.push(p[k * 2]!, p[k * 2 + 1]!);
    outQ.push(q[k * 2]!, q[k * 2 + 1]!);
  }
  const bx = new Float64Array(nb);
  const by = new Float64Array(nb);
  for (let j = 0; j < nb; j++) {
    bx[j] = b.xy[j * 2]! * fb[0]!;
    by[j] = b.xy[j * 2 + 1]! * fb[1]!;
  }
  const usedB = new Uint8Array(nb);
  const usedA = new Uint8Array(na);
  // Inlier keypoints are found again by position (p and q hold the matched keypoints' positions).
  const inA = positionsOf(p, inliers);
  const inB = positionsOf(q, inliers);
  for (let i = 0; i < na; i++)
    if (inA.get(a.xy[i * 2]! * fa[0]!)?.includes(a.xy[i * 2 + 1]! * fa[1]!)) usedA[i] = 1;
  for (let j = 0; j < nb; j++) if (inB.get(bx[j]!)?.includes(by[j]!)) usedB[j] = 1;
  const near = nearbyKeypoints(bx, by, limit);
  for (let i = 0; i < na; i++) {
    if (usedA[i]) continue;
    const x = a.xy[i * 2]! * fa[0]!;
    const y = a.xy[i * 2 + 1]! * fa[1]!;
    const [u, v] = applyH(H, x, y);
    let bestJ = -1;
    let bestD = GUIDED_MAX_DISTANCE + 1;
    for (const j of near(u, v)) {
      if (usedB[j] || Math.abs(bx[j]! - u) > limit || Math.abs(by[j]! - v) > limit) continue;
      if (Math.hypot(bx[j]! - u, by[j]! - v) > limit) continue;
      const d = hamming256(a.descriptors, i * 8, b.descriptors, j * 8);
      // The nearest descriptor, the lower index on a tie (as a scan in index order finds it).
      if (d < bestD || (d === bestD && j < bestJ)) [bestD, bestJ] = [d, j];
    }
    if (bestJ < 0) continue;
    usedB[bestJ] = 1;
    outP.push(x, y);
    outQ.push(bx[bestJ]!, by[bestJ]!);
  }
  return { p: Float64Array.from(outP), q: Float64Array.from(outQ), count: outP.length / 2 };
}

/**
 * The keypoints that may lie within `limit` of a point: those in the 3 × 3 grid cells around it,
 * cells a little wider than `limit` (so rounding cannot put a near keypoint two cells away). Every
 * one of them is still measured; all of them when the limit is not a finite number.
 */
function nearbyKeypoints(
  xs: Float64Array,
  ys: Float64Array,
  limit: number,
): (x: number, y: number) => number[] {
  if (!Number.isFinite(limit) || limit <= 0) {
    const everyOne = Array.from(xs, (_, j) => j);
    return () => everyOne;
  }
  const cell = limit * 1.01;
  // Cells by number; keys of far-off cells may collide, which only adds keypoints to measure.
  const key = (cx: number, cy: number) => cx * 65536 + cy;
  const cells = new Map<number, number[]>();
  for (let j = 0; j < xs.length; j++) {
    const k = key(Math.floor(xs[j]! / cell), Math.floor(ys[j]! / cell));
    const list = cells.get(k);
    if (list) list.push(j);
    else cells.set(k, [j]);
  }
  const out: number[] = [];
  return (x, y) => {
    const cx = Math.floor(x / cell);
    const cy = Math.floor(y / cell);
    out.length = 0;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const list = cells.get(key(cx + dx, cy + dy));
        if (list) for (const j of list) out.push(j);
      }
    return out;
  };
}

/** The positions of the chosen points, x → its ys. */
function positionsOf(P: Float64Array, chosen: readonly number[]): Map<number, number[]> {
  const at = new Map<number, number[]>();
  for (const k of chosen) {
    const ys = at.get(P[k * 2]!);
    if (ys) ys.push(P[k * 2 + 1]!);
    else at.set(P[k * 2]!, [P[k * 2 + 1]!]);
  }
  return at;
}

/** Scale of the affine's linear part (√|det|), for errors measured in the coarser picture's pixels. */
function scaleOf(m: Affine): number {
  return Math.sqrt(Math.abs(m[0] * m[4] - m[1] * m[3]));
}

function localScale(H: Homography, a: LocalFeatures): number {
  // Jacobian determinant at a's centre.
  const [x, y] = [a.width / 2, a.height / 2];
  const e = 1;
  const [x0, y0] = applyH(H, x, y);
  const [x1, y1] = applyH(H, x + e, y);
  const [x2, y2] = applyH(H, x, y + e);
  return Math.sqrt(Math.abs((x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)));
}

function inliersOf(H: Homography, p: Float64Array, q: Float64Array, n: number, scale: number): number[] {
  const limit = INLIER_PX * Math.max(1, scale);
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const [x, y] = applyH(H, p[k * 2]!, p[k * 2 + 1]!);
    if (Math.hypot(x - q[k * 2]!, y - q[k * 2 + 1]!) <= limit) out.push(k);
  }
  return out;
}

function plausibleAffine(m: Affine): boolean {
  const det = m[0] * m[4] - m[1] * m[3];
  if (det <= 0) return false;
  const s = Math.sqrt(det);
  if (s < 1 / 8 || s > 8) return false;
  // Singular values of the linear part: their ratio is the anisotropy.
  const e = (m[0] + m[4]) / 2;
  const f = (m[0] - m[4]) / 2;
  const g = (m[3] + m[1]) / 2;
  const h = (m[3] - m[1]) / 2;
  const q = Math.hypot(e, h);
  const r = Math.hypot(f, g);
  const s1 = q + r;
  const s2 = Math.abs(q - r);
  return s2 > 0 && s1 / s2 <= 2.5;
}

function plausibleHomography(H: Homography, a: LocalFeatures, b: LocalFeatures): boolean {
  // Every corner of a maps to a finite point in front (w > 0), with a convex, same-orientation image.
  const corners = [
    [0, 0],
    [a.width, 0],
    [a.width, a.height],
    [0, a.height],
  ];
  for (const [x, y] of corners) if (H[6] * x! + H[7] * y! + H[8] <= 0.2) return false;
  const mapped = corners.map(([x, y]) => applyH(H, x!, y!));
  for (let i = 0; i < 4; i++) {
    const [x0, y0] = mapped[i]!;
    const [x1, y1] = mapped[(i + 1) % 4]!;
    const [x2, y2] = mapped[(i + 2) % 4]!;
    if ((x1 - x0) * (y2 - y1) - (y1 - y0) * (x2 - x1) <= 0) return false;
  }
  const s = Math.sqrt(
    Math.abs(
      ((mapped[1]![0] - mapped[0]![0]) * (mapped[3]![1] - mapped[0]![1]) -
        (mapped[3]![0] - mapped[0]![0]) * (mapped[1]![1] - mapped[0]![1])) /
        (a.width * a.height),
    ),
  );
  return s > 1 / 8 && s < 8 && b.width > 0;
}

/** A fixed sequence of draws (xorshift), so the check is a function of its inputs. */
function ransacAffine(
  p: Float64Array,
  q: Float64Array,
  n: number,
): { affine: Affine; inliers: number[] } | null {
  let state = (n * 2654435761) >>> 0 || 1;
  const rand = (k: number) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % k;
  };
  let best: { affine: Affine; inliers: number[] } | null = null;
  let bestCount = 0;
  for (let it = 0; it < ITERATIONS; it++) {
    const i = rand(n);
    const j = rand(n);
    const k = rand(n);
    if (i === j || j === k || i === k) continue;
    const affine = affineFrom3(
      [p[i * 2]!, p[i * 2 + 1]!, p[j * 2]!, p[j * 2 + 1]!, p[k * 2]!, p[k * 2 + 1]!],
      [q[i * 2]!, q[i * 2 + 1]!, q[j * 2]!, q[j * 2 + 1]!, q[k * 2]!, q[k * 2 + 1]!],
    );
    if (!affine || !plausibleAffine(affine)) continue;
    const limit = INLIER_PX * Math.max(1, scaleOf(affine));
    let count = 0;
    for (let t = 0; t < n; t++) {
      const x = affine[0] * p[t * 2]! + affine[1] * p[t * 2 + 1]! + affine[2] - q[t * 2]!;
      const y = affine[3] * p[t * 2]! + affine[4] * p[t * 2 + 1]! + affine[5] - q[t * 2 + 1]!;
      if (x * x + y * y <= limit * limit) count++;
    }
    if (count > bestCount) {
      bestCount = count;
      best = { affine, inliers: [] };
      if (count > 0.8 * n) break;
    }
  }
  if (!best) return null;
  best.inliers = inliersOf(affineToHomography(best.affine), p, q, n, scaleOf(best.affine));
  return best;
}

function toFractions(H: Homography, a: LocalFeatures, b: LocalFeatures): Homography {
  // Hf = Sb^-1 · H · Sa with S = diag(width, height, 1).
  const [sa, ta] = [a.width, a.height];
  const [sb, tb] = [b.width, b.height];
  const m = [
    (H[0] * sa) / sb,
    (H[1] * ta) / sb,
    H[2] / sb,
    (H[3] * sa) / tb,
    (H[4] * ta) / tb,
    H[5] / tb,
    H[6] * sa,
    H[7] * ta,
    H[8],
  ];
  return m.map((v) => v / m[8]!) as unknown as Homography;
}

function boxOf(
  pts: Float64Array,
  use: readonly number[],
  w: number,
  h: number,
): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const i of use) {
    x0 = Math.min(x0, pts[i * 2]!);
    y0 = Math.min(y0, pts[i * 2 + 1]!);
    x1 = Math.max(x1, pts[i * 2]!);
    y1 = Math.max(y1, pts[i * 2 + 1]!);
  }
  return [round4(x0 / w), round4(y0 / h), round4(x1 / w), round4(y1 / h)];
}

/** How far the rect, mapped by H, reaches outside the unit frame (0 when inside), in frame units. */
function overshoot(H: Homography, r: readonly [number, number, number, number]): number {
  let worst = 0;
  for (const [x, y] of [
    [r[0], r[1]],
    [r[2], r[1]],
    [r[2], r[3]],
    [r[0], r[3]],
  ] as const) {
    const [u, v] = applyH(H, x, y);
    worst = Math.max(worst, -u, u - 1, -v, v - 1);
  }
  return worst;
}

/** Area of the rect mapped by H (fractions of the other picture: its whole frame is 1). */
function mappedArea(H: Homography, r: readonly [number, number, number, number]): number {
  const corners = [
    applyH(H, r[0], r[1]),
    applyH(H, r[2], r[1]),
    applyH(H, r[2], r[3]),
    applyH(H, r[0], r[3]),
  ];
  let twice = 0;
  for (let i = 0; i < 4; i++) {
    const [x0, y0] = corners[i]!;
    const [x1, y1] = corners[(i + 1) % 4]!;
    twice += x0 * y1 - x1 * y0;
  }
  return Math.abs(twice) / 2;
}

function fractionsOf(pts: Float64Array, use: readonly number[], w: number, h: number): Float64Array {
  const out = new Float64Array(use.length * 2);
  use.forEach((i, k) => {
    out[k * 2] = pts[i * 2]! / w;
    out[k * 2 + 1] = pts[i * 2 + 1]! / h;
  });
  return out;
}

/** Inliers inside the rect fall in at least SPREAD_LINES rows and columns of a grid laid on it. */
function spread(points: Float64Array, r: readonly number[]): boolean {
  let rows = 0;
  let cols = 0;
  for (let k = 0; k < points.length; k += 2) {
    const u = (points[k]! - r[0]!) / (r[2]! - r[0]!);
    const v = (points[k + 1]! - r[1]!) / (r[3]! - r[1]!);
    if (u < 0 || v < 0 || u > 1 || v > 1) continue;
    cols |= 1 << Math.min(SPREAD_GRID - 1, Math.floor(u * SPREAD_GRID));
    rows |= 1 << Math.min(SPREAD_GRID - 1, Math.floor(v * SPREAD_GRID));
  }
  const bits = (m: number) => {
    let n = 0;
    for (; m; m &= m - 1) n++;
    return n;
  };
  return bits(rows) >= SPREAD_LINES && bits(cols) >= SPREAD_LINES;
}

function cover(box: readonly number[], r: readonly number[]): number {
  const w = Math.max(0, Math.min(box[2]!, r[2]!) - Math.max(box[0]!, r[0]!));
  const h = Math.max(0, Math.min(box[3]!, r[3]!) - Math.max(box[1]!, r[1]!));
  return (w * h) / Math.max(1e-9, (r[2]! - r[0]!) * (r[3]! - r[1]!));
}

function containment(
  Hf: Homography,
  HfInv: Homography,
  a: LocalFeatures,
  b: LocalFeatures,
  boxA: readonly number[],
  boxB: readonly number[],
  inA: Float64Array,
  inB: Float64Array,
  inliers: number,
): { contained: 'a' | 'b'; containedRect: readonly [number, number, number, number] } | null {
  let best: {
    contained: 'a' | 'b';
    containedRect: readonly [number, number, number, number];
    o: number;
  } | null = null;
  const consider = (side: 'a' | 'b', rect: readonly [number, number, number, number]) => {
    const o = overshoot(side === 'a' ? Hf : HfInv, rect);
    if (o > CONTAIN_TOLERANCE) return;
    const spreadOver =
      cover(side === 'a' ? boxA : boxB, rect) >= MIN_COVER && spread(side === 'a' ? inA : inB, rect);
    const [inner, outer] = side === 'a' ? [a.thumb, b.thumb] : [b.thumb, a.thumb];
    // Whole frames only: collage tiles include the template's own graphics (smooth shapes and
    // gradients), which look alike in every collage made with it.
    const comparable = rect === FULL && inner !== undefined && outer !== undefined;
    const H = side === 'a' ? Hf : HfInv;
    const few = inliers < PHOTO_MIN_INLIERS;
    // Bunched inliers say nothing about the rest of the frame; too few of them, nothing at all.
    if (!spreadOver && few) return;
    // When the pictures themselves must agree (photometricAgreement; frames without thumbnails
    // cannot show it):
    // - the inliers bunch: only the rest of the frame can say the model holds there;
    // - a few spread inliers: the corners of two flat shapes in two unrelated pictures fit an affine
    //   map now and then, and a large case checks many pairs (docs/GROUPING.md);
    // - a whole frame filling most of the other: two screenshots of one app (or two pictures made
    //   from one template) match all over their shared chrome, spread and many, under a near-identity
    //   map. A copy of one picture also looks like it; two different photos in the same frame do not.
    const mustLookAlike = !spreadOver || (comparable && (few || mappedArea(H, rect) >= PHOTO_FILL));
    if (mustLookAlike && !(comparable && photometricAgreement(H, inner, outer, rect))) return;
    if (!best || o < best.o) best = { contained: side, containedRect: rect, o };
  };
  // A collage is contained only tile by tile: its whole frame holds unrelated pictures and the
  // template's own graphics, which other collages of the same app share.
  if (a.regions.length < 2) consider('a', FULL);
  if (b.regions.length < 2) consider('b', FULL);
  for (const r of a.regions) consider('a', r);
  for (const r of b.regions) consider('b', r);
  if (!best) return null;
  const { contained, containedRect } = best;
  return { contained, containedRect };
}

/**
 * Whether the contained picture and the part of the other it maps to look alike: a PHOTO_GRID² grid
 * of samples over the contained rect, each read (bilinear) from its grey thumbnail and from the
 * other's where H maps it; after removing the mean difference (a tone or brightness edit), the mean
 * absolute difference is at most PHOTO_MAX_DIFFERENCE grey levels.
 */
function photometricAgreement(
  H: Homography,
  inner: Uint8Array,
  outer: Uint8Array,
  rect: readonly [number, number, number, number],
): boolean {
  const diffs: number[] = [];
  for (let gy = 0; gy < PHOTO_GRID; gy++)
    for (let gx = 0; gx < PHOTO_GRID; gx++) {
      const x = rect[0] + ((gx + 0.5) / PHOTO_GRID) * (rect[2] - rect[0]);
      const y = rect[1] + ((gy + 0.5) / PHOTO_GRID) * (rect[3] - rect[1]);
      const [u, v] = applyH(H, x, y);
      if (!(u >= 0 && u <= 1 && v >= 0 && v <= 1)) continue;
      diffs.push(thumbAt(inner, x, y) - thumbAt(outer, u, v));
    }
  if (diffs.length < PHOTO_MIN_INSIDE * PHOTO_GRID * PHOTO_GRID) return false;
  const shift = diffs.reduce((s, d) => s + d, 0) / diffs.length;
  const mean = diffs.reduce((s, d) => s + Math.abs(d - shift), 0) / diffs.length;
  return mean <= PHOTO_MAX_DIFFERENCE;
}

/** A thumbnail's grey at fractions (u, v) of its picture, bilinear between pixel centres. */
function thumbAt(thumb: Uint8Array, u: number, v: number): number {
  const x = Math.min(THUMB_SIDE - 1, Math.max(0, u * THUMB_SIDE - 0.5));
  const y = Math.min(THUMB_SIDE - 1, Math.max(0, v * THUMB_SIDE - 0.5));
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(THUMB_SIDE - 1, x0 + 1);
  const y1 = Math.min(THUMB_SIDE - 1, y0 + 1);
  const fx = x - x0;
  const fy = y - y0;
  const at = (i: number, j: number) => thumb[j * THUMB_SIDE + i]!;
  return (
    (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy
  );
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
