import {
  assembleModule,
  F32,
  F32_ADD,
  F32_FROM_U32,
  F32_MUL,
  FunctionBuilder,
  I32,
  instantiateKernel,
  V128,
  type KernelMemory,
} from './wasm-emitter';

/**
 * The box filter (see jarosz-box.ts for the arithmetic and its phases) in WebAssembly: native float32
 * (f32x4 lanes are IEEE single precision, `div` is correctly rounded), so it computes exactly what the
 * reference computes, without JavaScript's double-to-float conversions at every step.
 *
 * Layouts: "interleaved" holds 4 image rows as [x][row] (16 bytes per column), so one f32x4 lane per row:
 * the row filter runs 4 rows at once. Column steps work on 4 adjacent columns of one row at once and
 * write their output row into one lane of an interleaved block. All pointers are byte offsets.
 */

/** Row filter of 4 interleaved rows (length n, window w); `emit` writes the output column in local `v`. */
function rowFilter(fn: FunctionBuilder, src: number, n: number, w: number, emit: (v: number) => void) {
  const s = fn.local(V128);
  const v = fn.local(V128);
  const k = fn.local(V128);
  const r = fn.local(I32);
  const l = fn.local(I32);
  const c = fn.local(I32);
  const i = fn.local(I32);
  const half = fn.local(I32);
  fn.get(w).i32(2).op(0x6a).i32(1).op(0x75).set(half); // half = (w + 2) >> 1
  fn.get(src).set(r).get(src).set(l).i32(0).set(c).zeroV128().set(s);
  // phase 1: p1 = half - 1 adds, no output
  fn.get(half).i32(1).op(0x6b).set(i);
  fn.repeat(i, () => {
    fn.get(s).get(r).v128Load().f32x4Add().set(s).inc(r, 16).inc(c, 1);
  });
  // phase 2: p2 = w - half + 1 adds, output sum / count
  fn.get(w).get(half).op(0x6b).i32(1).op(0x6a).set(i);
  fn.repeat(i, () => {
    fn.get(s).get(r).v128Load().f32x4Add().set(s).inc(r, 16).inc(c, 1);
    fn.get(s).splatCount(c).f32x4Div().set(v);
    emit(v);
  });
  // phase 3: p3 = n - w add right, subtract left, output sum / w
  fn.splatCount(c).set(k);
  fn.get(n).get(w).op(0x6b).set(i);
  fn.repeat(i, () => {
    fn.get(s).get(r).v128Load().f32x4Add().get(l).v128Load().f32x4Sub().set(s).inc(r, 16).inc(l, 16);
    fn.get(s).get(k).f32x4Div().set(v);
    emit(v);
  });
  // phase 4: p4 = half - 1 subtracts, output sum / count
  fn.get(half).i32(1).op(0x6b).set(i);
  fn.repeat(i, () => {
    fn.get(s).get(l).v128Load().f32x4Sub().set(s).inc(l, 16).inc(c, -1);
    fn.get(s).splatCount(c).f32x4Div().set(v);
    emit(v);
  });
}

/** rows4i(src, dst, n, w): interleaved in, interleaved out. */
function rows4i() {
  const fn = new FunctionBuilder([I32, I32, I32, I32]);
  const [src, dst, n, w] = [0, 1, 2, 3];
  rowFilter(fn, src, n, w, (v) => {
    fn.get(dst).get(v).v128Store().inc(dst, 16);
  });
  return fn;
}

/** rows4d(src, d0, d1, d2, d3, n, w): interleaved in, 4 plain rows out. */
function rows4d() {
  const fn = new FunctionBuilder([I32, I32, I32, I32, I32, I32, I32]);
  const [src, n, w] = [0, 5, 6];
  const o = fn.local(I32);
  fn.i32(0).set(o);
  rowFilter(fn, src, n, w, (v) => {
    for (let lane = 0; lane < 4; lane++)
      fn.get(1 + lane)
        .get(o)
        .op(0x6a)
        .get(v)
        .f32x4Extract(lane)
        .f32Store();
    fn.inc(o, 4);
  });
  return fn;
}

/**
 * luma4(px, rowBytes, channels, n, rows, dst, cr, cg, cb): up to 4 rows of 8-bit pixels -> interleaved
 * float32 luma, (cr·R + cg·G) + cb·B with every product and sum rounded to float32 (the reference's
 * order); channels 1 takes the grey value as is.
 */
function luma4() {
  const fn = new FunctionBuilder([I32, I32, I32, I32, I32, I32, F32, F32, F32]);
  const [px, rowBytes, channels, n, rows, dst, cr, cg, cb] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const p = fn.local(I32);
  const o = fn.local(I32);
  const x = fn.local(I32);
  fn.repeat(rows, () => {
    fn.get(px).set(p).get(dst).set(o).get(n).set(x);
    fn.op(0x02, 0x40); // block (if channels == 1)
    fn.get(channels).i32(1).op(0x47).op(0x0d, 0); // br_if 0 when channels != 1
    fn.repeat(x, () => {
      fn.get(o).get(p).load8u().op(F32_FROM_U32).f32Store().inc(p, 1).inc(o, 16);
    });
    fn.op(0x0b);
    fn.repeat(x, () => {
      fn.get(o);
      fn.get(cr).get(p).load8u(0).op(F32_FROM_U32).op(F32_MUL);
      fn.get(cg).get(p).load8u(1).op(F32_FROM_U32).op(F32_MUL).op(F32_ADD);
      fn.get(cb).get(p).load8u(2).op(F32_FROM_U32).op(F32_MUL).op(F32_ADD);
      fn.f32Store().get(p).get(channels).op(0x6a).set(p).inc(o, 16);
    });
    fn.get(px).get(rowBytes).op(0x6a).set(px).inc(dst, 4);
  });
  return fn;
}

type ColumnKind = 'add' | 'addEmit' | 'slide' | 'subEmit';

/**
 * One step of the column filter over n4 blocks of 4 columns: sums (+)= row a (-)= row b; then for the
 * emitting kinds, sums / count into `out`, one lane of an interleaved block (column x at out + 16x).
 */
function columnStep(kind: ColumnKind) {
  const params =
    kind === 'add'
      ? [I32, I32, I32]
      : kind === 'slide'
        ? [I32, I32, I32, I32, I32, I32]
        : [I32, I32, I32, I32, I32];
  const fn = new FunctionBuilder(params as (typeof I32)[]);
  const sums = 0;
  const a = kind === 'subEmit' ? -1 : 1;
  const b = kind === 'slide' ? 2 : kind === 'subEmit' ? 1 : -1;
  const out = kind === 'add' ? -1 : kind === 'slide' ? 3 : 2;
  const n4 = kind === 'add' ? 2 : kind === 'slide' ? 4 : 3;
  const count = kind === 'add' ? -1 : n4 + 1;
  const s = fn.local(V128);
  const k = fn.local(V128);
  if (count >= 0) fn.splatCount(count).set(k);
  fn.repeat(n4, () => {
    fn.get(sums).get(sums).v128Load();
    if (a >= 0) fn.get(a).v128Load().f32x4Add().inc(a, 16);
    if (b >= 0) fn.get(b).v128Load().f32x4Sub().inc(b, 16);
    fn.set(s).get(s).v128Store().inc(sums, 16);
    if (out >= 0) {
      fn.get(s).get(k).f32x4Div().set(s);
      for (let lane = 0; lane < 4; lane++)
        fn.get(out)
          .get(s)
          .f32x4Extract(lane)
          .f32Store(16 * lane);
      fn.inc(out, 64);
    }
  });
  return fn;
}

export interface BoxKernel {
  readonly memory: KernelMemory;
  rows4i(src: number, dst: number, n: number, w: number): void;
  rows4d(src: number, d0: number, d1: number, d2: number, d3: number, n: number, w: number): void;
  luma4(
    px: number,
    rowBytes: number,
    channels: number,
    n: number,
    rows: number,
    dst: number,
    cr: number,
    cg: number,
    cb: number,
  ): void;
  colAdd(sums: number, a: number, n4: number): void;
  colAddEmit(sums: number, a: number, out: number, n4: number, count: number): void;
  colSlide(sums: number, a: number, b: number, out: number, n4: number, count: number): void;
  colSubEmit(sums: number, b: number, out: number, n4: number, count: number): void;
}

let bytes: Uint8Array | undefined;

export function boxKernelBytes(): Uint8Array {
  bytes ??= assembleModule([
    { name: 'rows4i', fn: rows4i() },
    { name: 'rows4d', fn: rows4d() },
    { name: 'luma4', fn: luma4() },
    { name: 'colAdd', fn: columnStep('add') },
    { name: 'colAddEmit', fn: columnStep('addEmit') },
    { name: 'colSlide', fn: columnStep('slide') },
    { name: 'colSubEmit', fn: columnStep('subEmit') },
  ]);
  return bytes;
}

/** null where WebAssembly (with SIMD) is unavailable: callers then use the JavaScript kernel. */
export function instantiateBoxKernel(): BoxKernel | null {
  return instantiateKernel<Omit<BoxKernel, 'memory'>>(boxKernelBytes());
}
