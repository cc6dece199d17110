import { describe, expect, it } from 'vitest';

import { mulberry32 } from '../random/mulberry32';
import type { Homography } from './geometry';
import { showsSecondPlane } from './second-plane';

const IDENTITY: Homography = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const TOLERANCE = 4;

/** 100 matches on the model, then `off` more that miss it by 2-5 tolerances in the given directions. */
function matches(off: number, direction: (k: number) => number, seed = 1) {
  const rnd = mulberry32(seed);
  const n = 100 + off;
  const p = new Float64Array(n * 2);
  const q = new Float64Array(n * 2);
  for (let k = 0; k < n; k++) {
    const [x, y] = [rnd() * 640, rnd() * 480];
    p.set([x, y], k * 2);
    const miss = k < 100 ? rnd() * 0.5 * TOLERANCE : (2 + rnd() * 3) * TOLERANCE;
    const angle = k < 100 ? rnd() * 2 * Math.PI : direction(k);
    q.set([x + miss * Math.cos(angle), y + miss * Math.sin(angle)], k * 2);
  }
  return { p, q, n };
}

describe('showsSecondPlane', () => {
  it('sees parallax: a fifth of the matches missing the model along one line, both ways', () => {
    const { p, q, n } = matches(25, (k) => (k % 2 ? 0 : Math.PI));
    expect(showsSecondPlane(IDENTITY, p, q, n, 100, TOLERANCE)).toBe(true);
  });

  it('takes misses in random directions for jitter, not a second plane', () => {
    const rnd = mulberry32(9);
    const { p, q, n } = matches(25, () => rnd() * 2 * Math.PI);
    expect(showsSecondPlane(IDENTITY, p, q, n, 100, TOLERANCE)).toBe(false);
  });

  it('needs more than a few coherent misses among many inliers', () => {
    const { p, q, n } = matches(8, () => 0);
    expect(showsSecondPlane(IDENTITY, p, q, n, 100, TOLERANCE)).toBe(false);
    const few = matches(12, () => 0);
    expect(showsSecondPlane(IDENTITY, few.p, few.q, few.n, 100, TOLERANCE)).toBe(false); // 12 < 18 % of 100
    const more = matches(20, () => 0);
    expect(showsSecondPlane(IDENTITY, more.p, more.q, more.n, 100, TOLERANCE)).toBe(true);
  });

  it('ignores matches that miss far (wrong matches) and those on the model', () => {
    const { p, q, n } = matches(0, () => 0);
    expect(showsSecondPlane(IDENTITY, p, q, n, 100, TOLERANCE)).toBe(false);
    const far = matches(40, () => 0);
    for (let k = 100; k < far.n; k++) far.q[k * 2] = far.p[k * 2]! + 30 * TOLERANCE;
    expect(showsSecondPlane(IDENTITY, far.p, far.q, far.n, 100, TOLERANCE)).toBe(false);
  });
});
