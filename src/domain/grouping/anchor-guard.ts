import { PDQ_WORDS } from '../hashing/pdq-hex';
import { distanceUpTo } from '../index/slices';

/**
 * The guard against chaining: two groups merge through a whole-image edge only when their anchors
 * (each group's founding member) are within `chainLimit` of each other, in any dihedral orientation.
 * A chain a–b–c–… of images, each within the threshold of the next, stops growing once its far end
 * drifts past the limit from the founder, instead of pulling unrelated images into one series. A real
 * family (every copy within the threshold of its original) always passes with the default limit of
 * twice the threshold, whatever order its edges arrive in (triangle inequality through the original).
 */
export function orientedDistanceWithin(
  original: Uint32Array,
  a: number,
  b: number,
  variants: Uint32Array | undefined,
  hasVariants: Uint8Array | undefined,
  limit: number,
): boolean {
  if (distanceUpTo(original, a * PDQ_WORDS, original, b * PDQ_WORDS, limit) <= limit) return true;
  if (!variants || !hasVariants) return false;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    if (!hasVariants[x]) continue;
    for (let k = 0; k < 7; k++) {
      if (distanceUpTo(variants, (x * 7 + k) * PDQ_WORDS, original, y * PDQ_WORDS, limit) <= limit)
        return true;
    }
  }
  return false;
}
