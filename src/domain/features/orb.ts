import {
  ANGLE_BINS,
  DESCRIPTOR_WORDS,
  MIRRORED_STEERED_PATTERN,
  PATCH_RADIUS,
  STEERED_PATTERN,
} from './brief-pattern';
import { fastCorners } from './fast-corners';
import { gaussian7 } from './gaussian';
import { resample, type GreyPlane } from './grey-plane';

/**
 * ORB-like keypoints (Rublee et al. 2011): FAST-9 corners on a scale pyramid, ranked by the Harris
 * response, spread over the picture (a cap per grid cell), oriented by the intensity centroid, and
 * described by 256 steered binary tests on the smoothed level. Deterministic: the same plane gives the
 * same features on every platform (integer and float64 arithmetic only, fixed tie-breaks).
 */
export interface OrbOptions {
  readonly maxFeatures: number;
  readonly levels: number;
  readonly scale: number;
  readonly fastThreshold: number;
}

export const ORB_DEFAULTS: OrbOptions = { maxFeatures: 500, levels: 8, scale: 1.25, fastThreshold: 12 };

export interface RawFeatures {
  readonly count: number;
  /** count × 2, level-0 plane pixels. */
  readonly xy: Float64Array;
  readonly descriptors: Uint32Array;
  /** The descriptors the picture flipped left to right has at these keypoints (brief-pattern.ts). */
  readonly mirrored: Uint32Array;
}

/** Keypoints keep this far from a level's edge: the steered test pattern reaches √2·15 px. */
const BORDER = 22;
const GRID = 8;

/**
 * Low-contrast pictures (fog, a crop of a sky) would give few corners at a fixed FAST threshold: the
 * plane is first stretched to the full grey range (its 1st to 99th percentile), which the binary
 * tests do not notice, and the threshold is lowered while too few corners are found.
 */
export function extractOrb(plane: GreyPlane, options: OrbOptions = ORB_DEFAULTS): RawFeatures {
  // The pyramid and its smoothed levels do not depend on the threshold: made once, kept for retries.
  const levels = pyramid(stretch(plane), options);
  let out = extractAt(levels, options, options.fastThreshold);
  for (const t of [options.fastThreshold / 2, options.fastThreshold / 4]) {
    if (out.count >= options.maxFeatures / 4) break;
    out = extractAt(levels, options, Math.max(2, Math.round(t)));
  }
  return out;
}

function stretch(plane: GreyPlane): GreyPlane {
  const hist = new Uint32Array(256);
  for (const v of plane.grey) hist[v]!++;
  const n = plane.grey.length;
  let lo = 0;
  let hi = 255;
  for (let acc = 0; lo < 255 && (acc += hist[lo]!) < n * 0.01;) lo++;
  for (let acc = 0; hi > 0 && (acc += hist[hi]!) < n * 0.01;) hi--;
  if (hi - lo < 8 || (lo === 0 && hi === 255)) return plane;
  const scale = 255 / (hi - lo);
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round((v - lo) * scale)));
  const grey = new Uint8Array(n);
  for (let i = 0; i < n; i++) grey[i] = lut[plane.grey[i]!]!;
  return { width: plane.width, height: plane.height, grey };
}

/** One pyramid level, with its smoothed copy made when a level first needs descriptors. */
interface Level {
  readonly plane: GreyPlane;
  smooth?: Float32Array;
  /** Per orientation bin, the test pattern as pairs of offsets in this level's rows (made when used). */
  readonly tests: { plain: (Int32Array | undefined)[]; mirrored: (Int32Array | undefined)[] };
}

/** The levels big enough for keypoints away from the border, each resampled from the one below. */
function pyramid(plane: GreyPlane, options: OrbOptions): Level[] {
  const levels: Level[] = [];
  let level = plane;
  for (let k = 0; k < options.levels; k++) {
    if (k > 0) {
      const w = Math.round(plane.width / Math.pow(options.scale, k));
      const h = Math.round(plane.height / Math.pow(options.scale, k));
      if (w < 2 * BORDER + 16 || h < 2 * BORDER + 16) break;
      level = resample(level, w, h);
    } else if (plane.width < 2 * BORDER + 16 || plane.height < 2 * BORDER + 16) break;
    levels.push({ plane: level, tests: { plain: [], mirrored: [] } });
  }
  return levels;
}

function extractAt(levels: Level[], options: OrbOptions, threshold: number): RawFeatures {
  const xs: number[] = [];
  const ys: number[] = [];
  const descs: Uint32Array[] = [];
  const mirrors: Uint32Array[] = [];
  // Features per level fall geometrically with the level's scale (as OpenCV's ORB shares them).
  const f = 1 / options.scale;
  let want = (options.maxFeatures * (1 - f)) / (1 - Math.pow(f, options.levels));
  const base = levels[0]?.plane;
  for (const entry of levels) {
    const level = entry.plane;
    const n = Math.round(want);
    want *= f;
    const found = detectLevel(level, n, threshold);
    if (found.length === 0) continue;
    const smooth = (entry.smooth ??= gaussian7(level));
    const sx = base!.width / level.width;
    const sy = base!.height / level.height;
    const { plain, mirrored } = entry.tests;
    for (const p of found) {
      const bin = orientationBin(level, p);
      descs.push(describe(smooth, p, (plain[bin] ??= testOffsets(STEERED_PATTERN, bin, level.width))));
      mirrors.push(
        describe(smooth, p, (mirrored[bin] ??= testOffsets(MIRRORED_STEERED_PATTERN, bin, level.width))),
      );
      xs.push((p % level.width) * sx + (sx - 1) / 2);
      ys.push(Math.floor(p / level.width) * sy + (sy - 1) / 2);
    }
  }
  const count = descs.length;
  const xy = new Float64Array(count * 2);
  const descriptors = new Uint32Array(count * DESCRIPTOR_WORDS);
  const mirrored = new Uint32Array(count * DESCRIPTOR_WORDS);
  for (let i = 0; i < count; i++) {
    xy[i * 2] = xs[i]!;
    xy[i * 2 + 1] = ys[i]!;
    descriptors.set(descs[i]!, i * DESCRIPTOR_WORDS);
    mirrored.set(mirrors[i]!, i * DESCRIPTOR_WORDS);
  }
  return { count, xy, descriptors, mirrored };
}

/** FAST-9 corners, non-maximum suppressed, the best `n` by Harris response with a cap per grid cell. */
function detectLevel(level: GreyPlane, n: number, t: number): number[] {
  const { width: w, height: h } = level;
  const { corners: candidates, score } = fastCorners(level, t, BORDER);
  // 3x3 non-maximum suppression (ties: the earlier pixel wins), then Harris for the survivors.
  const kept: { p: number; r: number }[] = [];
  for (const p of candidates) {
    const s = score[p]!;
    let max = true;
    for (let dy = -1; dy <= 1 && max; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        if (dx === 0 && dy === 0) continue;
        const q = score[p + dy * w + dx]!;
        if (q > s || (q === s && dy * w + dx < 0)) {
          max = false;
          break;
        }
      }
    if (max) {
      const r = harris(level, p);
      if (r > 0) kept.push({ p, r });
    }
  }
  kept.sort((a, b) => b.r - a.r || a.p - b.p);
  // Spread: at most twice the fair share of each of GRID×GRID cells, first pass; then fill up.
  const cap = Math.max(2, Math.ceil((2 * n) / (GRID * GRID)));
  const perCell = new Int32Array(GRID * GRID);
  const out: number[] = [];
  const skipped: number[] = [];
  for (const { p } of kept) {
    if (out.length >= n) break;
    const cell =
      Math.min(GRID - 1, Math.floor(((p % w) * GRID) / w)) +
      GRID * Math.min(GRID - 1, Math.floor((Math.floor(p / w) * GRID) / h));
    if (perCell[cell]! < cap) {
      perCell[cell]!++;
      out.push(p);
    } else skipped.push(p);
  }
  for (const p of skipped) {
    if (out.length >= n) break;
    out.push(p);
  }
  return out;
}

/** Harris corner response over a 7x7 block of central-difference gradients (k = 0.04). */
function harris(level: GreyPlane, p: number): number {
  const { width: w, grey } = level;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let dy = -3; dy <= 3; dy++)
    for (let dx = -3; dx <= 3; dx++) {
      const q = p + dy * w + dx;
      const gx = grey[q + 1]! - grey[q - 1]!;
      const gy = grey[q + w]! - grey[q - w]!;
      xx += gx * gx;
      yy += gy * gy;
      xy += gx * gy;
    }
  return xx * yy - xy * xy - 0.04 * (xx + yy) * (xx + yy);
}

/** Half-widths of the round patch, row by row. */
const PATCH_SPANS = Int32Array.from({ length: 2 * PATCH_RADIUS + 1 }, (_, k) =>
  Math.floor(Math.sqrt(PATCH_RADIUS * PATCH_RADIUS - (k - PATCH_RADIUS) ** 2)),
);

/** The direction from the keypoint to the intensity centroid of its round patch, as a pattern bin. */
function orientationBin(level: GreyPlane, p: number): number {
  const { width: w, grey } = level;
  // Integer moments: exact whatever the order of the sums.
  let m10 = 0;
  let m01 = 0;
  const r = PATCH_RADIUS;
  for (let dy = -r; dy <= r; dy++) {
    const span = PATCH_SPANS[dy + r]!;
    const row = p + dy * w;
    let sum = 0;
    let moment = 0;
    for (let dx = -span; dx <= span; dx++) {
      const v = grey[row + dx]!;
      moment += dx * v;
      sum += v;
    }
    m10 += moment;
    m01 += dy * sum;
  }
  const angle = Math.atan2(m01, m10);
  const bin = Math.round((angle / (2 * Math.PI)) * ANGLE_BINS);
  return ((bin % ANGLE_BINS) + ANGLE_BINS) % ANGLE_BINS;
}

/** The 256 tests of one orientation bin as pairs of offsets from the keypoint in rows of width w. */
function testOffsets(steered: Int8Array, bin: number, w: number): Int32Array {
  const out = new Int32Array(512);
  const base = bin * 256 * 4;
  for (let i = 0; i < 256; i++) {
    const o = base + i * 4;
    out[2 * i] = steered[o + 1]! * w + steered[o]!;
    out[2 * i + 1] = steered[o + 3]! * w + steered[o + 2]!;
  }
  return out;
}

function describe(smooth: Float32Array, p: number, tests: Int32Array): Uint32Array {
  const out = new Uint32Array(DESCRIPTOR_WORDS);
  for (let word = 0; word < DESCRIPTOR_WORDS; word++) {
    let bits = 0;
    for (let b = 0; b < 32; b++) {
      const i = 2 * (word * 32 + b);
      if (smooth[p + tests[i]!]! < smooth[p + tests[i + 1]!]!) bits |= 1 << b;
    }
    out[word] = bits;
  }
  return out;
}
