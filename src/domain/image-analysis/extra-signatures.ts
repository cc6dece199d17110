import type { PdqHex } from '../hashing/pdq-hex';
import type { PixelImage } from '../image/pixel-image';
import { findContentRect } from './content-rect';
import { lumaPlane, type LumaPlane } from './luma-plane';
import { findTiles, type Rect } from './sub-images';
import { thumbnailOf, THUMB_SIDE } from './thumbnail';
import { boundingBoxSize, innerRectSize, TURN_ANGLES_DEG } from './turned-windows';
import { filledWindowHashes, rectWindow, windowHash } from './window-hash';

/**
 * What we keep of an image besides its PDQ, to find the copies PDQ misses. Computed from the decoded
 * pixels in the same pass as PDQ (one small luma plane, then only that plane is read); plain strings
 * and numbers, so it crosses a worker boundary and lives in IndexedDB as is. About 3.4 KB as JSON (30 turned hashes, a 1 KB thumbnail).
 *
 * - `content`: PDQ of the picture inside the file when the file is more than the picture: borders,
 *   letterboxes, a photo inside a screenshot or a larger canvas. Compared like a whole-image hash.
 * - `turned`: PDQ of this image turned by small angles (inner crop and filled canvas): a rotated copy's
 *   own PDQ falls within the threshold of one of them.
 * - `thumb`: a 32x32 luma thumbnail, to align a cropped copy inside this image at match time and then
 *   confirm it with PDQ of the aligned window (crops are not found by any fixed set of windows: PDQ
 *   moves by 20+ bits when a window slides by 1%).
 */
export interface ExtraSignatures {
  readonly v: 1;
  readonly width: number;
  readonly height: number;
  readonly content?: {
    readonly hash: PdqHex;
    readonly quality: number;
    readonly rect: readonly number[];
    /** What lies outside the rect is a frame (borders, chrome), not more of the photo (content-rect.ts). */
    readonly framed?: boolean;
  };
  readonly turned: readonly PdqHex[];
  /** PDQ of each photo of a collage (tiles between gutters, sub-images.ts), when there are two or more. */
  readonly tiles?: readonly {
    readonly hash: PdqHex;
    readonly quality: number;
    readonly rect: readonly number[];
  }[];
  /** THUMB_SIDE² luma bytes, base64. */
  readonly thumb: string;
}

export const EXTRA_SIGNATURES_VERSION = 1;

export function computeExtraSignatures(
  image: PixelImage,
  tiles: readonly Rect[] = findTiles(image),
): ExtraSignatures {
  const plane = lumaPlane(image);
  return extraSignaturesFromPlane(plane, image.width, image.height, tiles);
}

export function extraSignaturesFromPlane(
  plane: LumaPlane,
  width: number,
  height: number,
  tileRects: readonly Rect[] = [],
): ExtraSignatures {
  // A collage's gutters are flat rows too: its picture is found by texture only.
  const rect = findContentRect(plane, tileRects.length < 2);
  let content: ExtraSignatures['content'];
  if (rect) {
    const { hash, quality } = windowHash(plane, rectWindow(rect.x0, rect.y0, rect.x1, rect.y1));
    const fx = 1 / plane.width;
    const fy = 1 / plane.height;
    content = {
      hash,
      quality,
      rect: [rect.x0 * fx, rect.y0 * fy, rect.x1 * fx, rect.y1 * fy].map(round3),
      framed: rect.framed,
    };
  }
  const turned: PdqHex[] = [];
  const cx = plane.width / 2;
  const cy = plane.height / 2;
  for (const deg of TURN_ANGLES_DEG) {
    const angle = (deg * Math.PI) / 180;
    const inner = innerRectSize(plane.width, plane.height, angle);
    turned.push(windowHash(plane, { cx, cy, w: inner.w, h: inner.h, angle }).hash);
    const box = boundingBoxSize(plane.width, plane.height, angle);
    for (const { hash } of filledWindowHashes(plane, { cx, cy, w: box.w, h: box.h, angle }, [0, 255]))
      turned.push(hash);
  }
  const tiles = tileRects.map((r) => {
    const { hash, quality } = windowHash(
      plane,
      rectWindow(r[0] * plane.width, r[1] * plane.height, r[2] * plane.width, r[3] * plane.height),
    );
    return { hash, quality, rect: r };
  });
  return {
    v: EXTRA_SIGNATURES_VERSION,
    width,
    height,
    ...(content ? { content } : {}),
    turned,
    ...(tiles.length >= 2 ? { tiles } : {}),
    thumb: thumbnailOf(plane, THUMB_SIDE),
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
