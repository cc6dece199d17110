import { computeExtraSignatures, type ExtraSignatures } from '../image-analysis/extra-signatures';
import { findTiles, type Rect } from '../image-analysis/sub-images';
import type { PixelImage } from '../image/pixel-image';
import { greyPlane, resample } from './grey-plane';
import { packFeatures, THUMB_SIDE, type LocalFeatures } from './local-features';
import { extractOrb } from './orb';

/**
 * Keypoints, descriptors and sub-image regions of a decoded image (one pass over its pixels).
 * When the picture sits inside more than itself (`content`: the photo of a screenshot, inside a
 * letterbox or borders, as fractions), only keypoints inside it are kept: toolbars, captions and
 * status bars are the same in every screenshot of an app, and must not make two of them look alike.
 */
export function computeLocalFeatures(
  image: PixelImage,
  content?: readonly number[],
  tiles: readonly Rect[] = findTiles(image),
): LocalFeatures {
  const plane = greyPlane(image);
  const raw = extractOrb(plane);
  const kept = content ? keepInside(raw, plane.width, plane.height, content) : raw;
  return packFeatures(kept, plane.width, plane.height, tiles, resample(plane, THUMB_SIDE, THUMB_SIDE).grey);
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

function keepInside(
  raw: ReturnType<typeof extractOrb>,
  w: number,
  h: number,
  r: readonly number[],
): ReturnType<typeof extractOrb> {
  const keep: number[] = [];
  for (let i = 0; i < raw.count; i++) {
    const x = raw.xy[i * 2]! / w;
    const y = raw.xy[i * 2 + 1]! / h;
    if (x >= r[0]! && y >= r[1]! && x <= r[2]! && y <= r[3]!) keep.push(i);
  }
  const xy = new Float64Array(keep.length * 2);
  const descriptors = new Uint32Array(keep.length * 8);
  const mirrored = new Uint32Array(keep.length * 8);
  keep.forEach((i, k) => {
    xy[k * 2] = raw.xy[i * 2]!;
    xy[k * 2 + 1] = raw.xy[i * 2 + 1]!;
    descriptors.set(raw.descriptors.subarray(i * 8, i * 8 + 8), k * 8);
    mirrored.set(raw.mirrored.subarray(i * 8, i * 8 + 8), k * 8);
  });
  return { count: keep.length, xy, descriptors, mirrored };
}
