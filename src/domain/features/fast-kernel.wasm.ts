import {
  assembleModule,
  FunctionBuilder,
  I32,
  instantiateKernel,
  V128,
  type KernelMemory,
} from '../hashing/wasm-emitter';
import { Op, Simd } from '../hashing/wasm-opcodes';

/**
 * FAST-9 corners (fast-corners.ts) in WebAssembly. First the cheap test, 16 pixels at a time in SIMD: a
 * pixel can be a corner only if every opposite pair (i, i+8) of its circle holds a pixel brighter than
 * v + t, or every pair holds one darker than v − t. Saturating u8 arithmetic gives the same answer as
 * JavaScript's: where v + t passes 255 no byte is brighter either way, and where v − t falls below 0 no
 * byte is darker. Then, for each pixel that passes, the full circle in scalar i32 code, the same
 * integers as the JavaScript loop: the bright and dark masks, their arcs of 9, their summed contrast.
 *
 * corners(grey, w, h, border, t, out, scores, endAt): byte offsets; grey holds w × h bytes (readable 16
 * bytes past its end); out receives the corners' indices (i32, ascending) and scores their scores
 * (f32, the larger arc's summed contrast + 1); the i32 at endAt receives the offset just past the last
 * index written.
 */

/** FAST's circle of 16 pixels as (dx, dy), clockwise from the top: pair i is (i, i + 8). */
export const FAST_CIRCLE: readonly (readonly [number, number])[] = [
  [0, -3],
  [1, -3],
  [2, -2],
  [3, -1],
  [3, 0],
  [3, 1],
  [2, 2],
  [1, 3],
  [0, 3],
  [-1, 3],
  [-2, 2],
  [-3, 1],
  [-3, 0],
  [-3, -1],
  [-2, -2],
  [-1, -3],
];
/** Compass pairs first: most flat pixels fail on them, and the rest of the pairs are then skipped. */
const PAIR_ORDER = [0, 4, 1, 2, 3, 5, 6, 7];

/** Leaves 1 on the stack when the 16-bit circle mask in local m has 9 or more contiguous set bits. */
function arc9(fn: FunctionBuilder, m: number, x: number) {
  fn.get(m).get(m).i32(16).op(Op.i32Shl).op(Op.i32Or).set(x);
  for (const shift of [1, 2, 4, 1]) fn.get(x).get(x).i32(shift).op(Op.i32ShrU).op(Op.i32And).set(x);
  fn.get(x).i32(0).op(Op.i32Ne);
}

/**
 * The full circle test of the pixel at byte offset `at` (locals; `t` the threshold): stores its index
 * and score and moves `out` and `scores` on when it is a corner.
 */
function circleTest(
  fn: FunctionBuilder,
  l: { at: number; index: number; t: number; offsets: number[]; out: number; scores: number },
) {
  const hi = fn.local(I32);
  const lo = fn.local(I32);
  const q = fn.local(I32);
  const flag = fn.local(I32);
  const bm = fn.local(I32);
  const dm = fn.local(I32);
  const bs = fn.local(I32);
  const ds = fn.local(I32);
  const isBright = fn.local(I32);
  const isDark = fn.local(I32);
  const x = fn.local(I32);
  fn.get(l.at).load8u().get(l.t).op(Op.i32Add).set(hi);
  fn.get(l.at).load8u().get(l.t).op(Op.i32Sub).set(lo);
  fn.i32(0).set(bm).i32(0).set(dm).i32(0).set(bs).i32(0).set(ds);
  l.offsets.forEach((o, i) => {
    fn.get(l.at).get(o).op(Op.i32Add).load8u().set(q);
    // Brighter: bm |= 1 << i, bs += q − hi. Darker: dm |= 1 << i, ds += lo − q. (Never both: hi > lo.)
    fn.get(q).get(hi).op(Op.i32GtS).set(flag);
    fn.get(bm).get(flag).i32(i).op(Op.i32Shl).op(Op.i32Or).set(bm);
    fn.get(bs).get(q).get(hi).op(Op.i32Sub).i32(0).get(flag).op(Op.select).op(Op.i32Add).set(bs);
    fn.get(q).get(lo).op(Op.i32LtS).set(flag);
    fn.get(dm).get(flag).i32(i).op(Op.i32Shl).op(Op.i32Or).set(dm);
    fn.get(ds).get(lo).get(q).op(Op.i32Sub).i32(0).get(flag).op(Op.select).op(Op.i32Add).set(ds);
  });
  arc9(fn, bm, x);
  fn.set(isBright);
  arc9(fn, dm, x);
  fn.set(isDark);
  fn.get(isBright).get(isDark).op(Op.i32Or).op(Op.if, Op.void);
  // score = max(bright ? bs : 0, dark ? ds : 0) + 1
  fn.get(bs).i32(0).get(isBright).op(Op.select).set(bs);
  fn.get(ds).i32(0).get(isDark).op(Op.select).set(ds);
  fn.get(l.out).get(l.index).op(Op.i32Store, 2, 0);
  fn.get(l.scores).get(bs).get(ds).get(bs).get(ds).op(Op.i32GtS).op(Op.select).i32(1).op(Op.i32Add);
  fn.op(Op.f32ConvertI32S).op(Op.f32Store, 2, 0);
  fn.get(l.out).i32(4).op(Op.i32Add).set(l.out);
  fn.get(l.scores).i32(4).op(Op.i32Add).set(l.scores);
  fn.op(Op.end);
}

function corners(): FunctionBuilder {
  const fn = new FunctionBuilder([I32, I32, I32, I32, I32, I32, I32, I32]);
  const [grey, w, h, border, t, out, scores, endAt] = [0, 1, 2, 3, 4, 5, 6, 7];
  const offsets = FAST_CIRCLE.map(() => fn.local(I32));
  const tv = fn.local(V128);
  const hi = fn.local(V128);
  const lo = fn.local(V128);
  const bright = fn.local(V128);
  const dark = fn.local(V128);
  const y = fn.local(I32);
  const x = fn.local(I32);
  const rowEnd = fn.local(I32);
  const p = fn.local(I32);
  const m = fn.local(I32);
  const index = fn.local(I32);
  const at = fn.local(I32);
  FAST_CIRCLE.forEach(([dx, dy], i) =>
    fn.get(w).i32(dy).op(Op.i32Mul).i32(dx).op(Op.i32Add).set(offsets[i]!),
  );
  fn.get(t).simd(Simd.i8x16Splat).set(tv);
  const loadAt = (o: number) => fn.get(p).get(offsets[o]!).op(Op.i32Add).v128Load();
  /** bright &= (a > hi | b > hi); dark &= (a < lo | b < lo) for the pair (i, i + 8). */
  const pair = (i: number) => {
    loadAt(i).get(hi).simd(Simd.i8x16GtU);
    loadAt(i + 8)
      .get(hi)
      .simd(Simd.i8x16GtU);
    fn.simd(Simd.v128Or).get(bright).simd(Simd.v128And).set(bright);
    loadAt(i).get(lo).simd(Simd.i8x16LtU);
    loadAt(i + 8)
      .get(lo)
      .simd(Simd.i8x16LtU);
    fn.simd(Simd.v128Or).get(dark).simd(Simd.v128And).set(dark);
  };
  fn.get(border).set(y);
  fn.until(
    () => fn.get(y).get(h).get(border).op(Op.i32Sub).op(Op.i32GeS), // rows
    () => {
      fn.get(y).get(w).op(Op.i32Mul).get(w).op(Op.i32Add).get(border).op(Op.i32Sub).set(rowEnd);
      fn.get(y).get(w).op(Op.i32Mul).get(border).op(Op.i32Add).set(x);
      // Chunks of 16 pixels: x is the first one's index.
      fn.until(
        () => fn.get(x).get(rowEnd).op(Op.i32GeS),
        () => {
          fn.op(Op.block, Op.void); // a chunk whose pixels all fail leaves this block early
          fn.get(grey).get(x).op(Op.i32Add).set(p);
          fn.get(p).v128Load().set(lo).get(lo).get(tv).simd(Simd.i8x16AddSatU).set(hi);
          fn.get(lo).get(tv).simd(Simd.i8x16SubSatU).set(lo);
          PAIR_ORDER.forEach((i, k) => {
            if (k === 0) {
              // The first pair sets both masks instead of narrowing them.
              loadAt(i).get(hi).simd(Simd.i8x16GtU);
              loadAt(i + 8)
                .get(hi)
                .simd(Simd.i8x16GtU);
              fn.simd(Simd.v128Or).set(bright);
              loadAt(i).get(lo).simd(Simd.i8x16LtU);
              loadAt(i + 8)
                .get(lo)
                .simd(Simd.i8x16LtU);
              fn.simd(Simd.v128Or).set(dark);
            } else pair(i);
            if (k === 1 || k === 4)
              fn.get(bright).get(dark).simd(Simd.v128Or).simd(Simd.v128AnyTrue).op(Op.i32Eqz).op(Op.brIf, 0);
          });
          // Lanes past the row's end are not pixels of this row.
          fn.get(bright).get(dark).simd(Simd.v128Or).simd(Simd.i8x16Bitmask);
          fn.i32(1).get(rowEnd).get(x).op(Op.i32Sub).op(Op.i32Shl).i32(1).op(Op.i32Sub); // (1 << (rowEnd - x)) - 1
          fn.i32(0xffff);
          fn.get(rowEnd).get(x).op(Op.i32Sub).i32(16).op(Op.i32LtS).op(Op.select); // fewer than 16 pixels left?
          fn.op(Op.i32And).set(m);
          // Each set bit, lowest first.
          fn.until(
            () => fn.get(m).op(Op.i32Eqz),
            () => {
              fn.get(x).get(m).op(Op.i32Ctz).op(Op.i32Add).set(index);
              fn.get(grey).get(index).op(Op.i32Add).set(at);
              circleTest(fn, { at, index, t, offsets, out, scores });
              fn.get(m).get(m).i32(1).op(Op.i32Sub).op(Op.i32And).set(m);
            },
          );
          fn.op(Op.end); // the chunk's block
          fn.get(x).i32(16).op(Op.i32Add).set(x);
        },
      );
      fn.get(y).i32(1).op(Op.i32Add).set(y);
    },
  );
  fn.get(endAt).get(out).op(Op.i32Store, 2, 0);
  return fn;
}

export interface FastKernel {
  readonly memory: KernelMemory;
  corners(
    grey: number,
    w: number,
    h: number,
    border: number,
    t: number,
    out: number,
    scores: number,
    endAt: number,
  ): void;
}

/** null where WebAssembly (with SIMD) is unavailable: callers then use the JavaScript loop. */
export function instantiateFastKernel(): FastKernel | null {
  return instantiateKernel<Omit<FastKernel, 'memory'>>(assembleModule([{ name: 'corners', fn: corners() }]));
}
