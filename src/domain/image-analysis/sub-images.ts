import type { PixelImage } from '../image/pixel-image';

/**
 * The photos inside a collage: tiles separated by gutters (lines of one colour running across the
 * picture or across one band of it). Found at full resolution, since gutters are often 2-4 px, by
 * guillotine cuts: uniform rows split the picture into bands, uniform columns split each band into
 * tiles (and the same with columns first; the layout giving more tiles wins). A row or column counts
 * as uniform when its pixels stay within UNIFORM of each other; a photo row fails within a few pixels,
 * so the scans stop early and cost little.
 *
 * Returned only when there are at least two tiles, each at least MIN_SIDE of the picture's side, and
 * the gutters are thin (each at most MAX_GUTTER of the side, all tiles together at least MIN_TILED of
 * the picture): a photo with a flat band (sky, a wall) is not a collage. Fractions [x0, y0, x1, y1] of
 * the picture, in reading order.
 */
export type Rect = readonly [number, number, number, number];

const UNIFORM = 14;
const MIN_SIDE = 0.12;
const MAX_TILES = 12;
const MAX_GUTTER = 0.06;
const MIN_TILED = 0.6;

export function findTiles(image: PixelImage): Rect[] {
  const byRows = split(image, 'rows');
  const byCols = split(image, 'cols');
  const ok = (t: Rect[]) =>
    t.length >= 2 &&
    t.length <= MAX_TILES &&
    t.reduce((s, r) => s + (r[2] - r[0]) * (r[3] - r[1]), 0) >= MIN_TILED;
  const best = byCols.length > byRows.length ? byCols : byRows;
  return ok(best) ? best : [];
}

function split(image: PixelImage, first: 'rows' | 'cols'): Rect[] {
  const { width: W, height: H } = image;
  const out: Rect[] = [];
  const outer = runs(image, first === 'rows', 0, first === 'rows' ? W : H, first === 'rows' ? H : W);
  for (const [a, b] of outer) {
    const inner = runs(image, first !== 'rows', a, b, first === 'rows' ? W : H);
    for (const [c, d] of inner) {
      const r: Rect = first === 'rows' ? [c / W, a / H, d / W, b / H] : [a / W, c / H, b / W, d / H];
      out.push(r.map((v) => Math.round(v * 10000) / 10000) as unknown as Rect);
    }
  }
  return out;
}

/**
 * Along one axis, the spans between uniform lines. `rows`: lines are rows y (each scanned over
 * x in [from, to)), spans are ranges of y in [0, length). Otherwise the same with columns.
 */
function runs(
  image: PixelImage,
  rows: boolean,
  from: number,
  to: number,
  length: number,
): [number, number][] {
  const minSpan = Math.ceil(MIN_SIDE * length);
  const maxGutter = Math.max(2, Math.ceil(MAX_GUTTER * length));
  const spans: [number, number][] = [];
  let start = -1;
  for (let t = 0; t <= length; t++) {
    const uniform = t === length || uniformLine(image, rows, t, from, to);
    if (!uniform && start < 0) start = t;
    if (uniform && start >= 0) {
      if (t - start >= minSpan) {
        // A wide flat band between two parts is no gutter: no tiles along this axis.
        const last = spans[spans.length - 1];
        if (last && start - last[1] > maxGutter) return [];
        spans.push([start, t]);
      }
      start = -1;
    }
  }
  return spans;
}

function uniformLine(image: PixelImage, rows: boolean, t: number, from: number, to: number): boolean {
  const { width: W, channels: c, data } = image;
  let lo = 255;
  let hi = 0;
  for (let s = from; s < to; s++) {
    const p = (rows ? t * W + s : s * W + t) * c;
    const v = c === 1 ? data[p]! : (data[p]! + 2 * data[p + 1]! + data[p + 2]!) >> 2;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (hi - lo > UNIFORM) return false;
  }
  return true;
}
