import type { LumaPlane } from './luma-plane';

/**
 * The picture of a screenshot found by its app's chrome rather than by its own texture: status bars,
 * headers, captions and navigation bars are rows of one flat colour (with some text on them), while
 * a photo's rows vary, even where the photo is smooth. The texture finder (content-rect.ts) takes the
 * most textured region for the picture, and a smooth photo (a drop against a bokeh, a storm sky) has
 * less texture than the header's text: it boxed the header. Here the rows are classed instead: a row
 * is flat when FLAT_SHARE of its pixels lie within FLAT_SPREAD grey levels of its most common value;
 * the picture is the longest run of rows that are not (gaps of up to MAX_GAP flat rows bridged: a
 * uniform line inside a photo). What lies outside the run must be chrome: the image's first and last
 * rows flat where the run leaves them out (a status bar, a navigation bar, a caption bar), and at least
 * OUTSIDE_FLAT of the rows outside flat (the rest are the chrome's text and icons). A photo cut by a
 * flat band, or whose own edge is varied, is not taken for a screen. And a bar's edge is plain: where
 * the run leaves rows out, the box reaches out to BAR_ROWS rows in a row that are PLAIN_SHARE one grey,
 * over any flat rows before them (a photo's pale sky, which the run of varied rows leaves out, is the
 * photo's); no such rows on that side, no screen. Flat shapes on a gentle gradient (the ingest
 * benchmark's pictures) have rows 60-85 % one grey above and below the shapes: flat, never a bar.
 * Rows only, full width: the chrome of phones and of captions is horizontal, and across columns a
 * collage's flat text cards would cut its photos (pillarboxes and borders are the texture finder's).
 *
 * So the box is framed by construction, whatever its edges look like: a photo whose top is a flat,
 * pale sky meets the status bar without a line, and the texture finder's edge test would call it
 * unframed, letting the chrome's keypoints in (two screenshots of one app matched by their bars).
 *
 * Plane coordinates, [x0, x1) × [y0, y1); null when no flat rows frame a run (a photo,
 * a letterbox of blurred fill), or when the run is the whole image.
 */
export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const FLAT_SHARE = 0.6;
const FLAT_SPREAD = 2;
const MAX_GAP = 2;
const OUTSIDE_FLAT = 0.8;
const PLAIN_SHARE = 0.9;
/** A bar is at least this many plain plane rows (a smooth sky has a plain row now and then). */
const BAR_ROWS = 2;

export function findPictureBetweenFlatRows(plane: LumaPlane): Box | null {
  const { width: w, height: h } = plane;
  const shares = Array.from({ length: h }, (_, y) => modeShare(plane, y));
  const rows = longestVaried(h, (y) => shares[y]! >= FLAT_SHARE);
  if (!rows) return null;
  const plain = (y: number) => shares[y]! >= PLAIN_SHARE;
  // Rows between the run and the bar (a pale sky's top) are the picture's.
  const barFrom = (y: number, step: -1 | 1) => {
    for (let k = 0; k < BAR_ROWS; k++)
      if (y + k * step < 0 || y + k * step >= h || !plain(y + k * step)) return false;
    return true;
  };
  let { from: y0, to: y1 } = rows;
  if (y0 > 0) {
    while (y0 > 0 && !barFrom(y0 - 1, -1)) y0--;
    if (y0 === 0) return null;
  }
  if (y1 < h) {
    while (y1 < h && !barFrom(y1, 1)) y1++;
    if (y1 === h) return null;
  }
  if (y1 - y0 === h) return null;
  return { x0: 0, y0, x1: w, y1 };
}

/** The share of this row of the plane within FLAT_SPREAD grey levels of its most common value. */
function modeShare(plane: LumaPlane, y: number): number {
  const { width: w, luma } = plane;
  const hist = new Uint32Array(256);
  for (let x = 0; x < w; x++) hist[Math.round(luma[y * w + x]!)]!++;
  let window = 0;
  for (let v = 0; v <= 2 * FLAT_SPREAD && v < 256; v++) window += hist[v]!;
  let most = window;
  for (let v = 2 * FLAT_SPREAD + 1; v < 256; v++) {
    window += hist[v]! - hist[v - 2 * FLAT_SPREAD - 1]!;
    if (window > most) most = window;
  }
  return most / w;
}

/**
 * The longest run of lines that are not flat, bridging short flat gaps; null when there is none, when
 * a first or last line it leaves out is not flat, or when fewer than OUTSIDE_FLAT of the lines outside
 * it are flat.
 */
function longestVaried(n: number, isFlat: (i: number) => boolean): { from: number; to: number } | null {
  const flatLine = Array.from({ length: n }, (_, i) => isFlat(i));
  const best = longestRun(flatLine);
  if (!best || (best.from > 0 && !flatLine[0]) || (best.to < n && !flatLine[n - 1])) return null;
  let outside = 0;
  let flatOutside = 0;
  for (let i = 0; i < n; i++)
    if (i < best.from || i >= best.to) {
      outside++;
      if (flatLine[i]) flatOutside++;
    }
  return flatOutside >= OUTSIDE_FLAT * outside ? best : null;
}

function longestRun(flatLine: readonly boolean[]): { from: number; to: number } | null {
  const n = flatLine.length;
  let best: { from: number; to: number } | null = null;
  let start = -1;
  let lastVaried = -1;
  for (let i = 0; i <= n; i++) {
    const varied = i < n && !flatLine[i];
    if (varied) {
      if (start < 0 || i - lastVaried - 1 > MAX_GAP) start = i;
      lastVaried = i;
      if (!best || i + 1 - start > best.to - best.from) best = { from: start, to: i + 1 };
    }
  }
  return best;
}
