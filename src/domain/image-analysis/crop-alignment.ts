import type { PdqHex } from '../hashing/pdq-hex';
import { hammingDistanceHex } from '../hashing/hamming';
import { boxMean, type LumaPlane } from './luma-plane';
import { windowHash } from './window-hash';

/**
 * Is `small` a crop of `big`? Found by alignment, confirmed by PDQ.
 *
 * PDQ moves by 20+ bits when a window slides by 1% of its width, so no fixed set of window hashes can
 * catch crops of 5-20%. Instead, for a candidate pair, the window of `big`'s thumbnail that best
 * matches `small`'s thumbnail is searched (normalised cross-correlation: tone and contrast changes do
 * not matter), coarse to fine, keeping at least `MIN_SIDE` of each side; then PDQ of that window of
 * `big` must lie within the threshold of `small`'s own PDQ. The last step is what decides, so a
 * merely similar scene is not merged: the alignment only says where to look.
 */
export interface CropMatch {
  /** The window of `big`, as fractions of its width and height. */
  readonly window: readonly [number, number, number, number];
  readonly correlation: number;
  readonly distance: number;
}

/** A crop keeps at least this share of each side (the search range). */
const MIN_SIDE = 0.7;
/** Correlation the best window must reach before PDQ is asked. */
const MIN_CORRELATION = 0.85;

export function matchCrop(
  big: LumaPlane,
  small: LumaPlane,
  smallPdq: PdqHex,
  threshold: number,
): CropMatch | null {
  const side = big.width;
  const coarse = normalised(sample(small, 0, 0, small.width, small.height, 8));
  let best = { x0: 0, y0: 0, x1: side, y1: side, score: -2 };
  const span = side * (1 - MIN_SIDE);
  const step = span / 4;
  for (let x0 = 0; x0 <= span + 1e-9; x0 += step)
    for (let x1 = side - span; x1 <= side + 1e-9; x1 += step)
      for (let y0 = 0; y0 <= span + 1e-9; y0 += step)
        for (let y1 = side - span; y1 <= side + 1e-9; y1 += step) {
          const score = dot(coarse, normalised(sample(big, x0, y0, x1, y1, 8)));
          if (score > best.score) best = { x0, y0, x1, y1, score };
        }
  const fine = normalised(sample(small, 0, 0, small.width, small.height, 16));
  best.score = dot(fine, normalised(sample(big, best.x0, best.y0, best.x1, best.y1, 16)));
  for (let delta = step / 2; delta >= 0.2; delta /= 2) {
    let improved = true;
    while (improved) {
      improved = false;
      for (const key of ['x0', 'x1', 'y0', 'y1'] as const)
        for (const sign of [-1, 1]) {
          const trial = { ...best, [key]: best[key] + sign * delta };
          if (trial.x0 < 0 || trial.y0 < 0 || trial.x1 > side || trial.y1 > big.height) continue;
          if (
            trial.x1 - trial.x0 < side * MIN_SIDE * 0.9 ||
            trial.y1 - trial.y0 < big.height * MIN_SIDE * 0.9
          )
            continue;
          const score = dot(fine, normalised(sample(big, trial.x0, trial.y0, trial.x1, trial.y1, 16)));
          if (score > best.score + 1e-6) {
            best = { ...trial, score };
            improved = true;
          }
        }
    }
  }
  if (best.score < MIN_CORRELATION) return null;
  const { hash } = windowHash(big, {
    cx: (best.x0 + best.x1) / 2,
    cy: (best.y0 + best.y1) / 2,
    w: best.x1 - best.x0,
    h: best.y1 - best.y0,
  });
  const distance = hammingDistanceHex(hash, smallPdq);
  if (distance > threshold) return null;
  return {
    window: [best.x0 / side, best.y0 / big.height, best.x1 / side, best.y1 / big.height],
    correlation: best.score,
    distance,
  };
}

function sample(p: LumaPlane, x0: number, y0: number, x1: number, y1: number, n: number): Float64Array {
  const out = new Float64Array(n * n);
  const cw = (x1 - x0) / n;
  const ch = (y1 - y0) / n;
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++)
      out[y * n + x] = boxMean(p, x0 + x * cw, y0 + y * ch, x0 + (x + 1) * cw, y0 + (y + 1) * ch);
  return out;
}

/** Zero mean, unit norm (flat input stays all zeros: correlation 0). */
export function normalised(v: Float64Array): Float64Array {
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length;
  let norm = 0;
  for (let i = 0; i < v.length; i++) {
    v[i]! -= mean;
    norm += v[i]! * v[i]!;
  }
  norm = Math.sqrt(norm);
  if (norm > 1e-9) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += a[i]! * b[i]!;
  return d;
}

/** 8x8 normalised thumbnail: the cheap prefilter that picks which pairs are worth aligning. */
export function coarseVector(p: LumaPlane): Float64Array {
  return normalised(sample(p, 0, 0, p.width, p.height, 8));
}
