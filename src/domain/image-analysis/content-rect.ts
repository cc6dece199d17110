import { findPictureBetweenFlatRows, type Box } from './flat-chrome';
import { largestRegion } from './largest-region';
import type { LumaPlane } from './luma-plane';

/**
 * Where the picture is when the file is more than the picture: uniform borders and letterboxes
 * (including blurred fill, which is smooth), or a photo shown inside a screenshot or a larger canvas.
 *
 * Method, on the small luma plane: mark "active" pixels (a luma step to a neighbour above `STEP`; flat
 * fills, smooth blur and anti-aliased UI areas are mostly inactive), join active pixels into
 * 8-connected regions after closing small gaps, and take the bounding box of the region with the most
 * pixels (a photo is textured throughout; window frames and toolbars are long thin lines). That box
 * is the content when it is clearly smaller than the image and large enough to hash. Photos with flat
 * margins (a sky) may get a box too: harmless for the hash, which is an extra one, never a replacement.
 *
 * Not harmless where the box decides what else is read: local features keep only keypoints inside
 * the content (compute-features.ts), so a box around the textured band of a photo whose sky and road
 * are smooth threw away the rest of its keypoints (one harder-corpus photo kept 11 of 285, and none
 * of its eight edited copies could be verified). `framed` says whether the box is a real frame: every
 * side of it that lies inside the image is an edge, its line just outside differing from the line
 * EDGE_INSET inside by MIN_EDGE grey levels on average (as a cut between collage tiles must be,
 * sub-images.ts). A border, a letterbox or a screenshot's chrome stops at a line; a sky fades.
 *
 * A smooth photo in a screenshot (a drop against a bokeh, a storm sky) has less texture than the
 * header's text, and the header was boxed. So the picture between the app's flat rows
 * (flat-chrome.ts, framed by construction) is asked too, and taken when the textured box is no frame
 * or lies in the chrome (a header); a framed textured box within its rows is the same picture, told
 * more tightly (borders at its sides too). Not for collages (`chrome` false): their gutters are flat rows, and a row of tiles is not the
 * picture.
 */
/** Plane coordinates, [x0, x1) x [y0, y1). */
export interface ContentRect extends Box {
  /** Every inner side is an edge: what is outside is a frame, not more of the photo. */
  readonly framed: boolean;
}

const STEP = 6;
/** The box must leave out at least this share of the image on some side to count. */
const MIN_MARGIN = 0.02;
/** …and keep at least this share of the image's area, and 48 plane pixels a side. */
const MIN_AREA = 0.08;
const MIN_SIDE = 48;
/** A side of the box is an edge when its outside and inside lines differ this much on average… */
const MIN_EDGE = 8;
/** …the inside line this many pixels in (past the blur of a resampled border). */
const EDGE_INSET = 2;
/** Sides closer than this to the image's own edge are not inner sides. */
const OUTER_SLACK = 4;

export function findContentRect(plane: LumaPlane, chrome = true): ContentRect | null {
  if (plane.width < MIN_SIDE || plane.height < MIN_SIDE) return null;
  const textured = usable(plane, texturedBox(plane));
  const between = chrome ? usable(plane, findPictureBetweenFlatRows(plane)) : null;
  const texturedFramed = textured !== null && framed(plane, textured);
  if (between && (!texturedFramed || !centredIn(textured, between))) return { ...between, framed: true };
  return textured && { ...textured, framed: texturedFramed };
}

/** The box's centre row lies in the other's rows: the same picture, the textured box the tighter. */
const centredIn = (b: Box, rows: Box): boolean => (b.y0 + b.y1) / 2 >= rows.y0 && (b.y0 + b.y1) / 2 < rows.y1;

/** The box, when it leaves out enough of the image and keeps enough of it to hash. */
function usable(plane: LumaPlane, best: Box | null): Box | null {
  if (!best) return null;
  const { width: w, height: h } = plane;
  const bw = best.x1 - best.x0;
  const bh = best.y1 - best.y0;
  const margin = Math.max(best.x0 / w, best.y0 / h, (w - best.x1) / w, (h - best.y1) / h);
  if (margin < MIN_MARGIN || bw * bh < MIN_AREA * w * h || bw < MIN_SIDE / 2 || bh < MIN_SIDE / 2)
    return null;
  return best;
}

/** The bounding box of the region with the most active pixels (see above). */
function texturedBox(plane: LumaPlane): Box | null {
  const { width: w, height: h, luma } = plane;
  const active = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = luma[y * w + x]!;
      const right = x + 1 < w ? Math.abs(luma[y * w + x + 1]! - v) : 0;
      const down = y + 1 < h ? Math.abs(luma[(y + 1) * w + x]! - v) : 0;
      if (right > STEP || down > STEP) active[y * w + x] = 1;
    }
  // Close 1-pixel gaps (a photo's smooth patches next to textured ones): a 3x3 dilation, as a
  // dilation along rows and then along columns.
  const across = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      across[p] = active[p]! | (x > 0 ? active[p - 1]! : 0) | (x + 1 < w ? active[p + 1]! : 0);
    }
  const grown = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      grown[p] = across[p]! | (y > 0 ? across[p - w]! : 0) | (y + 1 < h ? across[p + w]! : 0);
    }
  // The 8-connected region with the most pixels (the first in reading order among equals).
  const region = largestRegion(grown, w, h);
  if (!region) return null;
  const { x0, y0, x1, y1 } = region;
  // A step is marked on its left/upper pixel and the closing grew the region by one pixel: the
  // content starts two pixels in from the region's low edges, and ends (exclusive) at its high edges.
  return {
    x0: Math.min(x0 + 2, x1),
    y0: Math.min(y0 + 2, y1),
    x1: Math.max(x1, x0 + 3),
    y1: Math.max(y1, y0 + 3),
  };
}

/**
 * Each side of the box away from the image's edge: the mean luma of the line just outside the active
 * region the box was taken from (the box starts two lines inside that region and ends at its edge, so
 * 3 lines before its first row or column, 1 after its last) against the line EDGE_INSET lines inside.
 * The lines are those measured on both corpora (docs/GROUPING.md).
 */
function framed(plane: LumaPlane, r: Box): boolean {
  const { width: w, height: h } = plane;
  const sides: [outside: number, inside: number, rows: boolean, from: number, to: number][] = [];
  if (r.y0 >= OUTER_SLACK) sides.push([r.y0 - 3, r.y0 + EDGE_INSET, true, r.x0, r.x1]);
  if (h - r.y1 >= OUTER_SLACK) sides.push([r.y1 + 1, r.y1 - 2 - EDGE_INSET, true, r.x0, r.x1]);
  if (r.x0 >= OUTER_SLACK) sides.push([r.x0 - 3, r.x0 + EDGE_INSET, false, r.y0, r.y1]);
  if (w - r.x1 >= OUTER_SLACK) sides.push([r.x1 + 1, r.x1 - 2 - EDGE_INSET, false, r.y0, r.y1]);
  return sides.every(
    ([outside, inside, rows, from, to]) =>
      Math.abs(lineMean(plane, rows, outside, from, to) - lineMean(plane, rows, inside, from, to)) >=
      MIN_EDGE,
  );
}

function lineMean(plane: LumaPlane, rows: boolean, at: number, from: number, to: number): number {
  const { width: w, luma } = plane;
  let sum = 0;
  for (let s = from; s < to; s++) sum += luma[rows ? at * w + s : s * w + at]!;
  return sum / Math.max(1, to - from);
}
