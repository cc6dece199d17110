import { coefficientsToHex } from '../hashing/pdq-bits';
import { dct64To16 } from '../hashing/pdq-dct';
import type { PdqHex } from '../hashing/pdq-hex';
import { pdqQuality } from '../hashing/pdq-quality';
import { boxMean, type LumaPlane } from './luma-plane';

/**
 * PDQ of a part of the image, from the small luma plane: the window is resampled to PDQ's 64x64 grid
 * by area averages (PDQ's own tent filter does much the same at full resolution), then PDQ's DCT and
 * median bits. Not bit-exact with PDQ of the cropped file, but within a few bits of it, so a region
 * hash of one image is compared directly with the whole-image PDQ of another.
 */
export interface WindowHash {
  readonly hash: PdqHex;
  readonly quality: number;
}

/** A window in plane coordinates, optionally turned by `angle` radians about its centre. */
export interface Window {
  readonly cx: number;
  readonly cy: number;
  readonly w: number;
  readonly h: number;
  readonly angle?: number;
  /** Luma for cells whose centre falls outside the plane (a rotated canvas's corners); default: edge. */
  readonly fill?: number;
}

const GRID = 64;
const grid = new Float32Array(GRID * GRID);
const coefficients = new Float32Array(256);

export function windowHash(plane: LumaPlane, win: Window): WindowHash {
  if (win.fill !== undefined) return filledWindowHashes(plane, win, [win.fill])[0]!;
  sampleGrid(plane, win, false);
  return hashOfGrid();
}

/**
 * One turned window's hashes with each of `fills` in the cells whose centre falls outside the plane
 * (a rotation's canvas grown to its bounding box, its corners black or white): the same as a
 * windowHash per fill, the cells inside resampled once.
 */
export function filledWindowHashes(
  plane: LumaPlane,
  win: Omit<Window, 'fill'>,
  fills: readonly number[],
): WindowHash[] {
  const outside = sampleGrid(plane, win, true);
  const inside = grid.slice();
  return fills.map((fill) => {
    grid.set(inside);
    for (const i of outside) grid[i] = fill;
    return hashOfGrid();
  });
}

/** Resamples the window into `grid`; cells outside the plane are left out and listed when `skipOutside`. */
function sampleGrid(plane: LumaPlane, win: Window, skipOutside: boolean): number[] {
  const cw = win.w / GRID;
  const ch = win.h / GRID;
  const angle = win.angle ?? 0;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const outside: number[] = [];
  // Exact fractional box means from the integral image (rounding cell edges to whole plane pixels is
  // 3x faster but cost a rotated copy on the corpus).
  for (let gy = 0; gy < GRID; gy++) {
    const dy = (gy + 0.5) * ch - win.h / 2;
    for (let gx = 0; gx < GRID; gx++) {
      const dx = (gx + 0.5) * cw - win.w / 2;
      // Cell centre, turned; the cell itself stays axis-aligned (small angles only).
      const x = win.cx + dx * cos - dy * sin;
      const y = win.cy + dx * sin + dy * cos;
      if (skipOutside && (x < 0 || y < 0 || x > plane.width || y > plane.height))
        outside.push(gy * GRID + gx);
      else grid[gy * GRID + gx] = boxMean(plane, x - cw / 2, y - ch / 2, x + cw / 2, y + ch / 2);
    }
  }
  return outside;
}

function hashOfGrid(): WindowHash {
  dct64To16(grid, coefficients);
  return { hash: coefficientsToHex(coefficients), quality: pdqQuality(grid) };
}

/** The axis-aligned window [x0,x1) x [y0,y1). */
export function rectWindow(x0: number, y0: number, x1: number, y1: number): Window {
  return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, w: x1 - x0, h: y1 - y0 };
}
