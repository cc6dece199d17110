import {
  assembleModule,
  F64,
  FunctionBuilder,
  I32,
  instantiateKernel,
  V128,
  type KernelMemory,
} from '../hashing/wasm-emitter';

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
const F64_LOAD = 0x2b;
const F64_ADD = 0xa0;
const F64_MUL = 0xa2;
const F64_DIV = 0xa3;
const F64_CONVERT_I32_U = 0xb8;
const F32_DEMOTE_F64 = 0xb6;
const F32_STORE = 0x38;
const F64_CONST = 0x44;
const I32_LOAD = 0x28;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_MUL = 0x6c;
const I32_SHL = 0x74;
const I32_SHR_U = 0x76;

const F64X2_SPLAT = 0x14;
const F64X2_GE = 0x4c;
const V128_AND = 0x4e;
const F64X2_FLOOR = 0x75;
const F64X2_ADD = 0xf0;
const F64X2_SUB = 0xf1;
const F64X2_MUL = 0xf2;
const F64X2_DIV = 0xf3;
const I32X4_TRUNC_SAT_F64X2_U_ZERO = 0xfd;
const I16X8_NARROW_I32X4_U = 0x86;
const I8X16_NARROW_I16X8_U = 0x66;
const V128_LOAD64_ZERO = 0x5d;
const V128_STORE16_LANE = 0x59;
const F64X2_PROMOTE_LOW_F32X4 = 0x5f;

function f64Bytes(x: number): number[] {
  return Array.from(new Uint8Array(new Float64Array([x]).buffer));
}

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
      fn.get(startAt).op(I32_LOAD, 2, 0).set(k);
      fn.get(startAt).op(I32_LOAD, 2, 4).get(k).op(I32_SUB).set(taps);
      fn.get(index).get(k).i32(2).op(I32_SHL).op(I32_ADD).set(indexAt);
      fn.get(cover).get(k).i32(3).op(I32_SHL).op(I32_ADD).set(coverAt);
      fn.op(F64_CONST, ...f64Bytes(0)).set(s);
      fn.repeat(taps, () => {
        fn.get(s).get(coverAt).op(F64_LOAD, 3, 0);
        fn.get(src).get(indexAt).op(I32_LOAD, 2, 0).op(I32_ADD).load8u().op(F64_CONVERT_I32_U);
        fn.op(F64_MUL).op(F64_ADD).set(s);
        fn.inc(indexAt, 4).inc(coverAt, 8);
      });
      fn.get(tmp).get(s).get(sx).op(F64_DIV).op(F32_DEMOTE_F64).op(F32_STORE, 2, 0);
      fn.inc(tmp, 4).inc(startAt, 4);
    });
    fn.get(src).get(sw).op(I32_ADD).set(src);
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
  fn.get(sy).simd(F64X2_SPLAT).set(syv);
  fn.op(F64_CONST, ...f64Bytes(0.5))
    .simd(F64X2_SPLAT)
    .set(half);
  fn.op(F64_CONST, ...f64Bytes(1))
    .simd(F64X2_SPLAT)
    .set(one);
  fn.get(h).set(y);
  fn.repeat(y, () => {
    fn.i32(0).set(column);
    fn.get(w).i32(1).op(I32_ADD).i32(1).op(I32_SHR_U).set(pairs); // ⌈w / 2⌉
    fn.repeat(pairs, () => {
      // acc = Σ cover[k] · tmp[index[k]·w + column, + 1] over this row's taps, in order.
      fn.op(F64_CONST, ...f64Bytes(0))
        .simd(F64X2_SPLAT)
        .set(acc);
      fn.get(start).op(I32_LOAD, 2, 4).get(start).op(I32_LOAD, 2, 0).op(I32_SUB).set(left);
      fn.get(index).get(start).op(I32_LOAD, 2, 0).i32(2).op(I32_SHL).op(I32_ADD).set(indexAt);
      fn.get(cover).get(start).op(I32_LOAD, 2, 0).i32(3).op(I32_SHL).op(I32_ADD).set(coverAt);
      fn.repeat(left, () => {
        fn.get(acc).get(coverAt).op(F64_LOAD, 3, 0).simd(F64X2_SPLAT);
        fn.get(tmp).get(indexAt).op(I32_LOAD, 2, 0).get(w).op(I32_MUL).get(column).op(I32_ADD);
        fn.i32(2).op(I32_SHL).op(I32_ADD).simd(V128_LOAD64_ZERO, 3, 0).simd(F64X2_PROMOTE_LOW_F32X4);
        fn.simd(F64X2_MUL).simd(F64X2_ADD).set(acc);
        fn.inc(indexAt, 4).inc(coverAt, 8);
      });
      // Math.round(acc / sy) for values ≥ 0: the floor, plus one where what is left is at least ½
      // (v − floor(v) is exact), then to bytes.
      fn.get(acc).get(syv).simd(F64X2_DIV).set(v);
      fn.get(v).simd(F64X2_FLOOR).set(floor);
      fn.get(floor).get(v).get(floor).simd(F64X2_SUB).get(half).simd(F64X2_GE).get(one).simd(V128_AND);
      fn.simd(F64X2_ADD).simd(I32X4_TRUNC_SAT_F64X2_U_ZERO).set(v);
      fn.get(v).get(v).simd(I16X8_NARROW_I32X4_U).set(v);
      fn.get(out).get(column).op(I32_ADD);
      fn.get(v).get(v).simd(I8X16_NARROW_I16X8_U).simd(V128_STORE16_LANE, 0, 0, 0);
      fn.inc(column, 2);
    });
    fn.get(out).get(w).op(I32_ADD).set(out);
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
