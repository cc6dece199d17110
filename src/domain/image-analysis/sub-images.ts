import type { PixelImage } from '../image/pixel-image';

/**
 * The photos inside a collage: tiles separated by gutters (lines of one colour running across the
 * picture or across one band of it). Found at full resolution, since gutters are often 2-4 px, by
 * guillotine cuts: uniform rows split the picture into bands, uniform columns split each band into
 * tiles (and the same with columns first; the layout giving more tiles wins). A row or column counts
 * as uniform when its pixels stay within UNIFORM of each other; a photo row fails within a few pixels,
 * so the scans stop early and cost little.
 *
 * A cut must also be an edge: a gutter's border line differs from the tile beside it by MIN_EDGE grey
 * levels on average (measured EDGE_INSET lines in, past the JPEG blur of the border). The flattest
 * stretch of a smooth sky or fog bank can be as uniform and as thin as a gutter, but fades into its
 * neighbours; taken for a gutter, it split 5 photos of the harder corpus into "tiles", and a picture
 * of tiles is never matched as a whole frame (verify-pair.ts).
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
const MIN_EDGE = 8;
const EDGE_INSET = 6;

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
  return withEdges(image, rows, from, to, spans);
}

/**
 * Drops the cuts that are no gutter: a gutter's lines differ from the tile beside them (an edge on
 * at least one side, MIN_EDGE grey levels on average along the line), while the flat stretch of a
 * smooth sky or a fog bank fades into its neighbours. Spans either side of such a cut are one.
 */
function withEdges(
  image: PixelImage,
  rows: boolean,
  from: number,
  to: number,
  spans: [number, number][],
): [number, number][] {
  const out: [number, number][] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    // Each border line of the gutter against a line EDGE_INSET into the tile beside it (JPEG blurs
    // the border over a few pixels).
    const cut =
      last &&
      (step(image, rows, last[1], Math.max(last[0], last[1] - 1 - EDGE_INSET), from, to) >= MIN_EDGE ||
        step(image, rows, span[0] - 1, Math.min(span[1] - 1, span[0] + EDGE_INSET), from, to) >= MIN_EDGE);
    if (last && !cut) last[1] = span[1];
    else out.push([span[0], span[1]]);
  }
  return out;
}

/** Mean absolute grey difference between lines t and u over [from, to). */
function step(image: PixelImage, rows: boolean, t: number, u: number, from: number, to: number): number {
  let sum = 0;
  for (let s = from; s < to; s++) sum += Math.abs(greyAt(image, rows, t, s) - greyAt(image, rows, u, s));
  return sum / Math.max(1, to - from);
}

function greyAt(image: PixelImage, rows: boolean, t: number, s: number): number {
  const { width: W, channels: c, data } = image;
  const p = (rows ? t * W + s : s * W + t) * c;
  return c === 1 ? data[p]! : (data[p]! + 2 * data[p + 1]! + data[p + 2]!) >> 2;
}

function uniformLine(image: PixelImage, rows: boolean, t: number, from: number, to: number): boolean {
  let lo = 255;
  let hi = 0;
  for (let s = from; s < to; s++) {
    const v = greyAt(image, rows, t, s);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (hi - lo > UNIFORM) return false;
  }
  return true;
}
