import { applyH, type Homography } from './geometry';

/**
 * Two shots of one scene from slightly different places (a stereo pair, two frames of a handheld
 * burst) can pass every other test of the geometric check: one plane of the scene (a wall, the
 * ground) fits a homography with many inliers, and one frame lies inside the other. What gives them
 * away is parallax: the matched corners off that plane miss the model by a few pixels, all in one
 * direction (along the line between the two camera positions, forwards or backwards). A copy of one
 * picture, however warped, is one plane: its near misses are keypoint jitter, few or pointing anywhere.
 *
 * The test: matches that miss by 1-6 inlier tolerances ("near misses"), the axial coherence of their
 * directions (mean resultant length of the doubled angles: 1 when all lie on one line, ~0 when
 * random), and the coherent count = near misses × coherence. A second plane is declared when that
 * count is at least MIN_COHERENT and at least MIN_SHARE of the inliers.
 *
 * Measured on the public and harder corpora's verified pairs (docs/GROUPING.md, "Another viewpoint"):
 * the stereo pair's four checked pairs scored 0.20-0.37 of their inliers; of 653 pairs of one
 * picture, one (an original against its shear, 0.20) reached the bar, the next highest 0.17.
 */
const NEAR_MIN = 1;
const NEAR_MAX = 6;
const MIN_COHERENT = 10;
const MIN_SHARE = 0.18;

export function showsSecondPlane(
  H: Homography,
  p: Float64Array,
  q: Float64Array,
  matches: number,
  inliers: number,
  tolerance: number,
): boolean {
  let near = 0;
  let c2 = 0;
  let s2 = 0;
  for (let k = 0; k < matches; k++) {
    const [x, y] = applyH(H, p[k * 2]!, p[k * 2 + 1]!);
    const dx = q[k * 2]! - x;
    const dy = q[k * 2 + 1]! - y;
    const miss = Math.hypot(dx, dy) / tolerance;
    if (miss <= NEAR_MIN || miss > NEAR_MAX) continue;
    const angle = 2 * Math.atan2(dy, dx);
    c2 += Math.cos(angle);
    s2 += Math.sin(angle);
    near++;
  }
  if (near === 0) return false;
  const coherent = near * (Math.hypot(c2, s2) / near);
  return coherent >= MIN_COHERENT && coherent >= MIN_SHARE * inliers;
}
