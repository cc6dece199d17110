import { mulberry32 } from '../random/mulberry32';

/**
 * The 256 point-pair tests of the descriptor (BRIEF, "G II": both points Gaussian around the keypoint,
 * σ = patch/5, clipped to the patch), drawn once from a fixed seed: every run, worker and CLI uses the
 * same tests, so descriptors compare across them. Our own draw, not OpenCV's learned table.
 *
 * Also precomputed: the pattern turned to each of ANGLE_BINS orientations (rBRIEF's steering), as
 * integer offsets, so describing a keypoint is 256 lookups.
 */
export const PATCH_RADIUS = 15;
export const ANGLE_BINS = 30;
export const DESCRIPTOR_WORDS = 8;

function pattern(): Float64Array {
  const rand = mulberry32(0x0b71ef);
  const gauss = () => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const sigma = (2 * PATCH_RADIUS + 1) / 5;
  const clip = (v: number) => Math.max(-PATCH_RADIUS, Math.min(PATCH_RADIUS, Math.round(v * sigma)));
  const out = new Float64Array(256 * 4);
  for (let i = 0; i < 256; i++) {
    let x1 = 0;
    let y1 = 0;
    let x2 = 0;
    let y2 = 0;
    // Distinct points (a test of a point against itself carries no information).
    while (x1 === x2 && y1 === y2) {
      x1 = clip(gauss());
      y1 = clip(gauss());
      x2 = clip(gauss());
      y2 = clip(gauss());
    }
    out.set([x1, y1, x2, y2], i * 4);
  }
  return out;
}

/** ANGLE_BINS × 256 × 4 offsets (dx1, dy1, dx2, dy2), the pattern turned to each bin's centre angle. */
export const STEERED_PATTERN: Int8Array = steer(pattern());

/**
 * The same tests with v negated (y in the keypoint's own frame), steered the same way: at a keypoint
 * of orientation θ they read what the unmirrored tests read at the mirrored keypoint of the picture
 * flipped left to right, whose orientation is π − θ (R(π − θ) composed with the flip is R(θ)
 * composed with v ↦ −v). So a picture's "mirror descriptors" are its flipped copy's descriptors,
 * without flipping or describing the picture twice (ties of rounding aside). ANGLE_BINS is even, so
 * π − θ of a bin's centre is another bin's centre.
 */
export const MIRRORED_STEERED_PATTERN: Int8Array = steer(pattern().map((v, k) => (k % 2 === 1 ? -v : v)));

function steer(base: Float64Array): Int8Array {
  const out = new Int8Array(ANGLE_BINS * 256 * 4);
  for (let b = 0; b < ANGLE_BINS; b++) {
    const angle = (2 * Math.PI * b) / ANGLE_BINS;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    for (let i = 0; i < 256; i++) {
      const [x1, y1, x2, y2] = [base[i * 4]!, base[i * 4 + 1]!, base[i * 4 + 2]!, base[i * 4 + 3]!];
      const o = (b * 256 + i) * 4;
      out[o] = Math.round(c * x1 - s * y1);
      out[o + 1] = Math.round(s * x1 + c * y1);
      out[o + 2] = Math.round(c * x2 - s * y2);
      out[o + 3] = Math.round(s * x2 + c * y2);
    }
  }
  return out;
}
