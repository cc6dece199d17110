import {
  assembleModule,
  FunctionBuilder,
  I32,
  instantiateKernel,
  V128,
  type KernelMemory,
} from '../hashing/wasm-emitter';

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
const I8X16_SPLAT = 0x0f;
const I8X16_LT_U = 0x26;
const I8X16_GT_U = 0x28;
const V128_AND = 0x4e;
const V128_OR = 0x50;
const V128_ANY_TRUE = 0x53;
const I8X16_BITMASK = 0x64;
const I8X16_ADD_SAT_U = 0x70;
const I8X16_SUB_SAT_U = 0x73;

const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_MUL = 0x6c;
const I32_AND = 0x71;
const I32_SHL = 0x74;
const I32_CTZ = 0x68;
const I32_EQZ = 0x45;
const I32_LT_S = 0x48;
const I32_GT_S = 0x4a;
const I32_NE = 0x47;
const I32_OR = 0x72;
const I32_SHR_U = 0x76;
const F32_CONVERT_I32_S = 0xb2;
const F32_STORE = 0x38;
const IF = 0x04;
const I32_GE_S = 0x4e;
const I32_STORE = 0x36;
const SELECT = 0x1b;
const BLOCK = 0x02;
const LOOP = 0x03;
const BR = 0x0c;
const BR_IF = 0x0d;
const END = 0x0b;
const VOID = 0x40;

/** The circle's offsets as (dx, dy), in the order of orb.ts's CIRCLE: pair i is (i, i + 8). */
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
  fn.get(m).get(m).i32(16).op(I32_SHL).op(I32_OR).set(x);
  for (const shift of [1, 2, 4, 1]) fn.get(x).get(x).i32(shift).op(I32_SHR_U).op(I32_AND).set(x);
  fn.get(x).i32(0).op(I32_NE);
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
  fn.get(l.at).load8u().get(l.t).op(I32_ADD).set(hi);
  fn.get(l.at).load8u().get(l.t).op(I32_SUB).set(lo);
  fn.i32(0).set(bm).i32(0).set(dm).i32(0).set(bs).i32(0).set(ds);
  l.offsets.forEach((o, i) => {
    fn.get(l.at).get(o).op(I32_ADD).load8u().set(q);
    // Brighter: bm |= 1 << i, bs += q − hi. Darker: dm |= 1 << i, ds += lo − q. (Never both: hi > lo.)
    fn.get(q).get(hi).op(I32_GT_S).set(flag);
    fn.get(bm).get(flag).i32(i).op(I32_SHL).op(I32_OR).set(bm);
    fn.get(bs).get(q).get(hi).op(I32_SUB).i32(0).get(flag).op(SELECT).op(I32_ADD).set(bs);
    fn.get(q).get(lo).op(I32_LT_S).set(flag);
    fn.get(dm).get(flag).i32(i).op(I32_SHL).op(I32_OR).set(dm);
    fn.get(ds).get(lo).get(q).op(I32_SUB).i32(0).get(flag).op(SELECT).op(I32_ADD).set(ds);
  });
  arc9(fn, bm, x);
  fn.set(isBright);
  arc9(fn, dm, x);
  fn.set(isDark);
  fn.get(isBright).get(isDark).op(I32_OR).op(IF, VOID);
  // score = max(bright ? bs : 0, dark ? ds : 0) + 1
  fn.get(bs).i32(0).get(isBright).op(SELECT).set(bs);
  fn.get(ds).i32(0).get(isDark).op(SELECT).set(ds);
  fn.get(l.out).get(l.index).op(I32_STORE, 2, 0);
  fn.get(l.scores).get(bs).get(ds).get(bs).get(ds).op(I32_GT_S).op(SELECT).i32(1).op(I32_ADD);
  fn.op(F32_CONVERT_I32_S).op(F32_STORE, 2, 0);
  fn.get(l.out).i32(4).op(I32_ADD).set(l.out);
  fn.get(l.scores).i32(4).op(I32_ADD).set(l.scores);
  fn.op(END);
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
  FAST_CIRCLE.forEach(([dx, dy], i) => fn.get(w).i32(dy).op(I32_MUL).i32(dx).op(I32_ADD).set(offsets[i]!));
  fn.get(t).simd(I8X16_SPLAT).set(tv);
  const loadAt = (o: number) => fn.get(p).get(offsets[o]!).op(I32_ADD).v128Load();
  /** bright &= (a > hi | b > hi); dark &= (a < lo | b < lo) for the pair (i, i + 8). */
  const pair = (i: number) => {
    loadAt(i).get(hi).simd(I8X16_GT_U);
    loadAt(i + 8)
      .get(hi)
      .simd(I8X16_GT_U);
    fn.simd(V128_OR).get(bright).simd(V128_AND).set(bright);
    loadAt(i).get(lo).simd(I8X16_LT_U);
    loadAt(i + 8)
      .get(lo)
      .simd(I8X16_LT_U);
    fn.simd(V128_OR).get(dark).simd(V128_AND).set(dark);
  };
  fn.get(border).set(y);
  fn.op(BLOCK, VOID, LOOP, VOID); // rows
  fn.get(y).get(h).get(border).op(I32_SUB).op(I32_GE_S).op(BR_IF, 1);
  fn.get(y).get(w).op(I32_MUL).get(w).op(I32_ADD).get(border).op(I32_SUB).set(rowEnd);
  fn.get(y).get(w).op(I32_MUL).get(border).op(I32_ADD).set(x);
  fn.op(BLOCK, VOID, LOOP, VOID); // chunks of 16 pixels: x is the first one's index
  fn.get(x).get(rowEnd).op(I32_GE_S).op(BR_IF, 1);
  fn.op(BLOCK, VOID); // a chunk whose pixels all fail leaves this block early
  fn.get(grey).get(x).op(I32_ADD).set(p);
  fn.get(p).v128Load().set(lo).get(lo).get(tv).simd(I8X16_ADD_SAT_U).set(hi);
  fn.get(lo).get(tv).simd(I8X16_SUB_SAT_U).set(lo);
  PAIR_ORDER.forEach((i, k) => {
    if (k === 0) {
      // The first pair sets both masks instead of narrowing them.
      loadAt(i).get(hi).simd(I8X16_GT_U);
      loadAt(i + 8)
        .get(hi)
        .simd(I8X16_GT_U);
      fn.simd(V128_OR).set(bright);
      loadAt(i).get(lo).simd(I8X16_LT_U);
      loadAt(i + 8)
        .get(lo)
        .simd(I8X16_LT_U);
      fn.simd(V128_OR).set(dark);
    } else pair(i);
    if (k === 1 || k === 4)
      fn.get(bright).get(dark).simd(V128_OR).simd(V128_ANY_TRUE).op(I32_EQZ).op(BR_IF, 0);
  });
  // Lanes past the row's end are not pixels of this row.
  fn.get(bright).get(dark).simd(V128_OR).simd(I8X16_BITMASK);
  fn.i32(1).get(rowEnd).get(x).op(I32_SUB).op(I32_SHL).i32(1).op(I32_SUB); // (1 << (rowEnd - x)) - 1
  fn.i32(0xffff);
  fn.get(rowEnd).get(x).op(I32_SUB).i32(16).op(I32_LT_S).op(SELECT); // fewer than 16 pixels left?
  fn.op(I32_AND).set(m);
  fn.op(BLOCK, VOID, LOOP, VOID); // each set bit, lowest first
  fn.get(m).op(I32_EQZ).op(BR_IF, 1);
  fn.get(x).get(m).op(I32_CTZ).op(I32_ADD).set(index);
  fn.get(grey).get(index).op(I32_ADD).set(at);
  circleTest(fn, { at, index, t, offsets, out, scores });
  fn.get(m).get(m).i32(1).op(I32_SUB).op(I32_AND).set(m);
  fn.op(BR, 0, END, END);
  fn.op(END); // the chunk's block
  fn.get(x).i32(16).op(I32_ADD).set(x);
  fn.op(BR, 0, END, END);
  fn.get(y).i32(1).op(I32_ADD).set(y);
  fn.op(BR, 0, END, END);
  fn.get(endAt).get(out).op(I32_STORE, 2, 0);
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
