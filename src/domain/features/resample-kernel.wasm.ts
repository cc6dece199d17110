import {
  assembleModule,
  F64,
  FunctionBuilder,
  I32,
  instantiateKernel,
  V128,
  type KernelMemory,
} from '../hashing/wasm-emitter';
import { Op, Simd } from '../hashing/wasm-opcodes';

/**
 * The area-averaged resample of grey-plane.ts in WebAssembly: the same doubles multiplied and added
 * in the same order, rounded where the JavaScript rounds (to float32 where it stores the row pass, with
 * Math.round's rule at the end: halves go up), so the planes are the same to the bit.
 *
 * Coverage tables as grey-plane.ts makes them: start (n + 1 i32), index (i32), cover (f64), byte offsets.
 * rows(src, sw, sh, w, start, index, cover, sx, tmp): each of sh rows of sw bytes to w float32.
 * cols(tmp, w, h, start, index, cover, sy, out): columns of tmp (w float32 per row) to h rows of w bytes,
 * two pixels at a time in f64x2 lanes; writes one byte past the end of the last row when w is odd.
 */

function rows(): FunctionBuilder {
  const fn = new FunctionBuilder([I32, I32, I32, I32, I32, I32, I32, F64, I32]);
  const [src, sw, sh, w, start, index, cover, sx, tmp] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const y = fn.local(I32);
  const x = fn.local(I32);
  const k = fn.local(I32);
  const startAt = fn.local(I32);
  const taps = fn.local(I32);
  const indexAt = fn.local(I32);
  const coverAt = fn.local(I32);
  const s = fn.local(F64);
  fn.get(sh).set(y);
  fn.repeat(y, () => {
    fn.get(w).set(x).get(start).set(startAt);
    fn.repeat(x, () => {
      // taps = start[x + 1] − start[x]; k = start[x]
      fn.get(startAt).op(Op.i32Load, 2, 0).set(k);
      fn.get(startAt).op(Op.i32Load, 2, 4).get(k).op(Op.i32Sub).set(taps);
      fn.get(index).get(k).i32(2).op(Op.i32Shl).op(Op.i32Add).set(indexAt);
      fn.get(cover).get(k).i32(3).op(Op.i32Shl).op(Op.i32Add).set(coverAt);
      fn.f64(0).set(s);
      fn.repeat(taps, () => {
        fn.get(s).get(coverAt).op(Op.f64Load, 3, 0);
        fn.get(src).get(indexAt).op(Op.i32Load, 2, 0).op(Op.i32Add).load8u().op(Op.f64ConvertI32U);
        fn.op(Op.f64Mul).op(Op.f64Add).set(s);
        fn.inc(indexAt, 4).inc(coverAt, 8);
      });
      fn.get(tmp).get(s).get(sx).op(Op.f64Div).op(Op.f32DemoteF64).op(Op.f32Store, 2, 0);
      fn.inc(tmp, 4).inc(startAt, 4);
    });
    fn.get(src).get(sw).op(Op.i32Add).set(src);
  });
  return fn;
}

function cols(): FunctionBuilder {
  const fn = new FunctionBuilder([I32, I32, I32, I32, I32, I32, F64, I32]);
  const [tmp, w, h, start, index, cover, sy, out] = [0, 1, 2, 3, 4, 5, 6, 7];
  const y = fn.local(I32);
  const pairs = fn.local(I32);
  const left = fn.local(I32);
  const indexAt = fn.local(I32);
  const coverAt = fn.local(I32);
  const column = fn.local(I32);
  const acc = fn.local(V128);
  const v = fn.local(V128);
  const floor = fn.local(V128);
  const syv = fn.local(V128);
  const half = fn.local(V128);
  const one = fn.local(V128);
  fn.get(sy).simd(Simd.f64x2Splat).set(syv);
  fn.f64(0.5).simd(Simd.f64x2Splat).set(half);
  fn.f64(1).simd(Simd.f64x2Splat).set(one);
  fn.get(h).set(y);
  fn.repeat(y, () => {
    fn.i32(0).set(column);
    fn.get(w).i32(1).op(Op.i32Add).i32(1).op(Op.i32ShrU).set(pairs); // ⌈w / 2⌉
    fn.repeat(pairs, () => {
      // acc = Σ cover[k] · tmp[index[k]·w + column, + 1] over this row's taps, in order.
      fn.f64(0).simd(Simd.f64x2Splat).set(acc);
      fn.get(start).op(Op.i32Load, 2, 4).get(start).op(Op.i32Load, 2, 0).op(Op.i32Sub).set(left);
      fn.get(index).get(start).op(Op.i32Load, 2, 0).i32(2).op(Op.i32Shl).op(Op.i32Add).set(indexAt);
      fn.get(cover).get(start).op(Op.i32Load, 2, 0).i32(3).op(Op.i32Shl).op(Op.i32Add).set(coverAt);
      fn.repeat(left, () => {
        fn.get(acc).get(coverAt).op(Op.f64Load, 3, 0).simd(Simd.f64x2Splat);
        fn.get(tmp).get(indexAt).op(Op.i32Load, 2, 0).get(w).op(Op.i32Mul).get(column).op(Op.i32Add);
        fn.i32(2).op(Op.i32Shl).op(Op.i32Add).simd(Simd.v128Load64Zero, 3, 0).simd(Simd.f64x2PromoteLowF32x4);
        fn.simd(Simd.f64x2Mul).simd(Simd.f64x2Add).set(acc);
        fn.inc(indexAt, 4).inc(coverAt, 8);
      });
      // Math.round(acc / sy) for values ≥ 0: the floor, plus one where what is left is at least ½
      // (v − floor(v) is exact), then to bytes.
      fn.get(acc).get(syv).simd(Simd.f64x2Div).set(v);
      fn.get(v).simd(Simd.f64x2Floor).set(floor);
      fn.get(floor)
        .get(v)
        .get(floor)
        .simd(Simd.f64x2Sub)
        .get(half)
        .simd(Simd.f64x2Ge)
        .get(one)
        .simd(Simd.v128And);
      fn.simd(Simd.f64x2Add).simd(Simd.i32x4TruncSatF64x2UZero).set(v);
      fn.get(v).get(v).simd(Simd.i16x8NarrowI32x4U).set(v);
      fn.get(out).get(column).op(Op.i32Add);
      fn.get(v).get(v).simd(Simd.i8x16NarrowI16x8U).simd(Simd.v128Store16Lane, 0, 0, 0);
      fn.inc(column, 2);
    });
    fn.get(out).get(w).op(Op.i32Add).set(out);
    fn.inc(start, 4);
  });
  return fn;
}

export interface ResampleKernel {
  readonly memory: KernelMemory;
  rows(
    src: number,
    sw: number,
    sh: number,
    w: number,
    start: number,
    index: number,
    cover: number,
    sx: number,
    tmp: number,
  ): void;
  cols(
    tmp: number,
    w: number,
    h: number,
    start: number,
    index: number,
    cover: number,
    sy: number,
    out: number,
  ): void;
}

/** null where WebAssembly (with SIMD) is unavailable: callers then run the JavaScript loops. */
export function instantiateResampleKernel(): ResampleKernel | null {
  return instantiateKernel<Omit<ResampleKernel, 'memory'>>(
    assembleModule([
      { name: 'rows', fn: rows() },
      { name: 'cols', fn: cols() },
    ]),
  );
}
