import { computeExtraSignatures, type ExtraSignatures } from '../image-analysis/extra-signatures';
import { findTiles, type Rect } from '../image-analysis/sub-images';
import type { PixelImage } from '../image/pixel-image';
import { FEATURE_PLANE_SIDE, greyPlane, resample, type PixelRegion } from './grey-plane';
import { packFeatures, THUMB_SIDE, type LocalFeatures } from './local-features';
import { extractOrb } from './orb';

/**
 * Keypoints, descriptors and sub-image regions of a decoded image (one pass over its pixels).
 * When the picture sits inside more than itself (`content`: the photo of a screenshot, inside a
 * letterbox or borders, as fractions), keypoints are found in it alone: toolbars, captions and status
 * bars are the same in every screenshot of an app, and must not make two of them look alike. And the
 * photo gets a feature plane of its own, as large as a whole picture's: inside a tall screenshot
 * brought down to FEATURE_PLANE_SIDE it was a quarter of that across, too small for the corners its
 * original shows (a dark-mode screenshot of the harder corpus kept 59 keypoints; docs/GROUPING.md).
 * Positions stay fractions of the whole picture, and the stored plane size is the whole picture's at
 * the photo's scale, so the check's pixels stay square.
 */
export function computeLocalFeatures(
  image: PixelImage,
  content?: readonly number[],
  tiles: readonly Rect[] = findTiles(image),
): LocalFeatures {
  const plane = greyPlane(image);
  const thumb = resample(plane, THUMB_SIDE, THUMB_SIDE).grey;
  const region = content && pixelRegion(image, content);
  if (!region) return packFeatures(extractOrb(plane), plane.width, plane.height, tiles, thumb);
  const inner = greyPlane(image, FEATURE_PLANE_SIDE, region);
  const raw = extractOrb(inner);
  // Inner plane pixels per image pixel, and the whole picture at that scale.
  const sx = inner.width / (region.x1 - region.x0);
  const sy = inner.height / (region.y1 - region.y0);
  const xy = raw.xy.map((v, k) => v + (k % 2 === 0 ? region.x0 * sx : region.y0 * sy));
  const width = Math.round(image.width * sx);
  const height = Math.round(image.height * sy);
  return packFeatures({ ...raw, xy }, width, height, tiles, thumb);
}

/** The content rect in whole pixels of the image; null when it is too thin to describe. */
function pixelRegion(image: PixelImage, r: readonly number[]): PixelRegion | null {
  const x0 = Math.max(0, Math.round(r[0]! * image.width));
  const y0 = Math.max(0, Math.round(r[1]! * image.height));
  const x1 = Math.min(image.width, Math.round(r[2]! * image.width));
  const y1 = Math.min(image.height, Math.round(r[3]! * image.height));
  return x1 - x0 >= 8 && y1 - y0 >= 8 ? { x0, y0, x1, y1 } : null;
}

/** PDQ's companions for grouping: the extra signatures and the local features, from one decode. */
export interface GroupingSignals {
  readonly extra: ExtraSignatures;
  readonly features: LocalFeatures;
}

export function analyseImage(image: PixelImage): GroupingSignals {
  const tiles = findTiles(image);
  const extra = computeExtraSignatures(image, tiles);
  // Only a framed content rect bounds the keypoints: an unframed one is a photo's textured band
  // between a smooth sky and road, and the rest of the photo is the photo too (content-rect.ts).
  const frame = extra.content?.framed ? extra.content.rect : undefined;
  return { extra, features: computeLocalFeatures(image, frame, tiles) };
}
