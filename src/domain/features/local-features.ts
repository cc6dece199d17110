/**
 * Local features of one image: keypoints with binary (rBRIEF, 256-bit) descriptors, found on a grey
 * plane of the image (longer side ≤ FEATURE_PLANE_SIDE). Positions are stored as fractions of the
 * image's width and height (16-bit fixed point), so two images of any sizes compare directly.
 *
 * Plain typed arrays: they cross the worker boundary by structured clone and live in IndexedDB as is
 * (in their own table: derived, local-only bytes, never synced).
 */
export interface LocalFeatures {
  /**
   * 1: stored before the thumbnail (the photometric check is then skipped); 2: before the mirror
   * descriptors (the mirrored check then flips the other picture, when it has them). All still read.
   */
  readonly v: 1 | 2 | 3;
  /** The feature plane's size (the geometry check works in its pixels, for isotropic errors). */
  readonly width: number;
  readonly height: number;
  /** count × 2: x, y as fractions of width and height × 65535. */
  readonly xy: Uint16Array;
  /** count × 8 words: 256-bit descriptors. */
  readonly descriptors: Uint32Array;
  /**
   * count × 8 words: the descriptors of the picture flipped left to right, at these keypoints (their
   * x mirrored). What finds and checks a mirrored copy; rBRIEF itself is not mirror-invariant.
   */
  readonly mirrored?: Uint32Array;
  /** Sub-images found in the picture (collage tiles, the photo in a screenshot): [x0,y0,x1,y1] fractions. */
  readonly regions: readonly (readonly [number, number, number, number])[];
  /**
   * The whole picture in grey, THUMB_SIDE × THUMB_SIDE (area-averaged from the feature plane, so a
   * fixed grid of fractions): what the geometric check compares where keypoints are too few to say
   * anything, such as the smooth sky around the one textured spot of a small crop (verify-pair.ts).
   */
  readonly thumb?: Uint8Array;
}

export const THUMB_SIDE = 32;

export const LOCAL_FEATURES_VERSION = 3;

/** Packs raw keypoints (plane pixels) into the stored form. */
export function packFeatures(
  raw: { count: number; xy: Float64Array; descriptors: Uint32Array; mirrored: Uint32Array },
  width: number,
  height: number,
  regions: LocalFeatures['regions'] = [],
  thumb?: Uint8Array,
): LocalFeatures {
  const xy = new Uint16Array(raw.count * 2);
  for (let i = 0; i < raw.count; i++) {
    xy[i * 2] = Math.max(0, Math.min(65535, Math.round((raw.xy[i * 2]! / width) * 65535)));
    xy[i * 2 + 1] = Math.max(0, Math.min(65535, Math.round((raw.xy[i * 2 + 1]! / height) * 65535)));
  }
  return {
    v: LOCAL_FEATURES_VERSION,
    width,
    height,
    xy,
    descriptors: raw.descriptors,
    mirrored: raw.mirrored,
    regions,
    ...(thumb ? { thumb } : {}),
  };
}
