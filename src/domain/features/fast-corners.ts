import { ensureMemory } from '../hashing/wasm-emitter';
import { FAST_CIRCLE, instantiateFastKernel, type FastKernel } from './fast-kernel.wasm';
import type { GreyPlane } from './grey-plane';

/**
 * FAST-9 corners of a plane (Rosten & Drummond 2006): pixels with an arc of 9 or more circle pixels all
 * brighter than v + t, or all darker than v − t, at least `border` pixels from every edge. Each is
 * scored by its arc's summed contrast + 1 (the larger of bright and dark), for non-maximum suppression.
 *
 * A 9-pixel arc leaves out 7 contiguous pixels, so it holds at least one of every opposite pair (i, i+8):
 * a pixel where some pair has neither bright (or neither dark) cannot be a corner of that kind. That
 * cheap test runs over every pixel, and the full circle on its survivors alone: in WebAssembly where
 * there is one (fast-kernel.wasm.ts: the cheap test 16 pixels at a time), else in JavaScript; the
 * same corners and scores either way.
 */
export interface FastCorners {
  /** Indices of the corners, ascending. */
  readonly corners: number[];
  /** Per pixel: its corner score, 0 where it is not a corner. */
  readonly score: Float32Array;
}

type Eight = [number, number, number, number, number, number, number, number];
type Sixteen = [...Eight, ...Eight];

export function fastCorners(plane: GreyPlane, t: number, border: number, useWasm = true): FastCorners {
  if (useWasm) kernel ??= instantiateFastKernel();
  return useWasm && kernel ? kernelCorners(kernel, plane, t, border) : jsCorners(plane, t, border);
}

let kernel: FastKernel | null | undefined;

function kernelCorners(kernel: FastKernel, plane: GreyPlane, t: number, border: number): FastCorners {
  const { width: w, height: h, grey } = plane;
  // The plane, 16 bytes of slack for the last chunk's loads, the end pointer, then the two lists.
  const endAt = (grey.length + 16 + 3) & ~3;
  const out = endAt + 4;
  const most = Math.max(0, w - 2 * border) * Math.max(0, h - 2 * border);
  const scoresAt = out + most * 4;
  const need = scoresAt + most * 4 + 64;
  const buffer = ensureMemory(kernel.memory, need);
  new Uint8Array(buffer, 0, grey.length).set(grey);
  kernel.corners(0, w, h, border, t, out, scoresAt, endAt);
  const count = (new Int32Array(buffer, endAt, 1)[0]! - out) / 4;
  const indices = new Int32Array(buffer, out, count);
  const scores = new Float32Array(buffer, scoresAt, count);
  const score = new Float32Array(w * h);
  const corners = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    corners[i] = indices[i]!;
    score[indices[i]!] = scores[i]!;
  }
  return { corners, score };
}

function jsCorners(plane: GreyPlane, t: number, border: number): FastCorners {
  const { width: w, height: h, grey } = plane;
  const score = new Float32Array(w * h);
  const corners: number[] = [];
  const offsets = circleOffsets(w);
  const survivors = pairSurvivors(plane, t, border);
  for (let s = 0; s < survivors.length; s++) {
    const p = survivors[s]!;
    const hi = grey[p]! + t;
    const lo = grey[p]! - t;
    let bm = 0;
    let dm = 0;
    let bs = 0;
    let ds = 0;
    for (let i = 0; i < 16; i++) {
      const q = grey[p + offsets[i]!]!;
      if (q > hi) {
        bm |= 1 << i;
        bs += q - hi;
      } else if (q < lo) {
        dm |= 1 << i;
        ds += lo - q;
      }
    }
    const isBright = arc9(bm);
    const isDark = arc9(dm);
    if (isBright || isDark) {
      score[p] = Math.max(isBright ? bs : 0, isDark ? ds : 0) + 1;
      corners.push(p);
    }
  }
  return { corners, score };
}

function circleOffsets(w: number): Int32Array {
  return Int32Array.from(FAST_CIRCLE, ([dx, dy]) => dy * w + dx);
}

/** 9 or more contiguous set bits on the 16-bit circle. */
function arc9(m: number): boolean {
  if (m === 0) return false;
  let x = m | (m << 16);
  x &= x >>> 1;
  x &= x >>> 2;
  x &= x >>> 4;
  x &= x >>> 1;
  return x !== 0;
}

/** The pixels that pass the opposite-pairs test, ascending: compass pairs first (most flat pixels fail there). */
function pairSurvivors(plane: GreyPlane, t: number, border: number): Int32Array {
  const { width: w, height: h, grey } = plane;
  const out: number[] = [];
  const [o0, o1, o2, o3, o4, o5, o6, o7, o8, o9, o10, o11, o12, o13, o14, o15] = circleOffsets(
    w,
  ) as unknown as Sixteen;
  for (let y = border; y < h - border; y++) {
    const end = y * w + w - border;
    for (let p = y * w + border; p < end; p++) {
      const v = grey[p]!;
      const hi = v + t;
      const lo = v - t;
      let kinds =
        pairKinds(grey[p + o0]!, grey[p + o8]!, hi, lo) & pairKinds(grey[p + o4]!, grey[p + o12]!, hi, lo);
      if (kinds === 0) continue;
      if ((kinds &= pairKinds(grey[p + o1]!, grey[p + o9]!, hi, lo)) === 0) continue;
      if ((kinds &= pairKinds(grey[p + o2]!, grey[p + o10]!, hi, lo)) === 0) continue;
      if ((kinds &= pairKinds(grey[p + o3]!, grey[p + o11]!, hi, lo)) === 0) continue;
      if ((kinds &= pairKinds(grey[p + o5]!, grey[p + o13]!, hi, lo)) === 0) continue;
      if ((kinds &= pairKinds(grey[p + o6]!, grey[p + o14]!, hi, lo)) === 0) continue;
      if ((kinds & pairKinds(grey[p + o7]!, grey[p + o15]!, hi, lo)) === 0) continue;
      out.push(p);
    }
  }
  return Int32Array.from(out);
}

/** Of an opposite pair of the circle: 1 when either is bright, | 2 when either is dark. */
function pairKinds(e: number, f: number, hi: number, lo: number): number {
  return (e > hi || f > hi ? 1 : 0) | (e < lo || f < lo ? 2 : 0);
}
