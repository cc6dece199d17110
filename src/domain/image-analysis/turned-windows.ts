/**
 * Geometry of small rotations as image editors do them: turn by θ, then either keep the largest
 * axis-aligned rectangle with no corners (crop to the inner rectangle) or grow the canvas to the turned
 * image's bounding box and fill the corners (black or white). Window sizes are in the image's own
 * pixels; callers scale them to their plane.
 */
export function innerRectSize(w: number, h: number, theta: number): { w: number; h: number } {
  const s = Math.abs(Math.sin(theta));
  const c = Math.abs(Math.cos(theta));
  const long = Math.max(w, h);
  const short = Math.min(w, h);
  if (short <= 2 * s * c * long || Math.abs(s - c) < 1e-10) {
    // Half-constrained case (very thin images or large angles): two corners touch the long side.
    const x = 0.5 * short;
    const [wr, hr] = w >= h ? [x / s, x / c] : [x / c, x / s];
    return { w: wr, h: hr };
  }
  const cos2 = c * c - s * s;
  return { w: (w * c - h * s) / cos2, h: (h * c - w * s) / cos2 };
}

export function boundingBoxSize(w: number, h: number, theta: number): { w: number; h: number } {
  const s = Math.abs(Math.sin(theta));
  const c = Math.abs(Math.cos(theta));
  return { w: w * c + h * s, h: w * s + h * c };
}

/** Angles (degrees) hashed for rotated copies: PDQ of a turned window stays within ~15 bits for ±0.3°. */
export const TURN_ANGLES_DEG = [-3, -2.4, -1.8, -1.2, -0.6, 0.6, 1.2, 1.8, 2.4, 3] as const;
