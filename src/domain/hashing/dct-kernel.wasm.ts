import {
  assembleModule,
  FunctionBuilder,
  I32,
  instantiateKernel,
  V128,
  type KernelMemory,
} from './wasm-emitter';
import { Op, Simd } from './wasm-opcodes';

/**
 * PDQ's partial DCT (pdq-dct.ts) in WebAssembly SIMD: f32x4 lanes are IEEE single precision, and each
 * lane adds the same float32 products in the same k order as the JavaScript loops (which round to
 * float32 after every step), so the coefficients are the same to the bit, four at a time.
 *
 * dct(): fixed layout in its memory (byte offsets below): D (16×64), Dᵀ (64×16) and A (64×64) in,
 * the 16×16 coefficients out; T (16×64) is scratch.
 */
export const DCT_LAYOUT = { d: 0, dT: 4096, a: 8192, t: 24576, out: 28672 } as const;

/**
 * out[i][·] = Σk float32(s[i][k] · m[k][·]) for the 16 rows i of s (64 float32 each), k = 0..63 in
 * order; m's rows and out's are `lanes` f32x4 wide, and each row of out is summed in locals.
 */
function productRows(fn: FunctionBuilder, at: { s: number; m: number; out: number }, lanes: number) {
  const sums = Array.from({ length: lanes }, () => fn.local(V128));
  const splat = fn.local(V128);
  const i = fn.local(I32);
  const k = fn.local(I32);
  const sAt = fn.local(I32);
  const mAt = fn.local(I32);
  const outAt = fn.local(I32);
  fn.i32(16).set(i).i32(at.s).set(sAt).i32(at.out).set(outAt);
  fn.repeat(i, () => {
    for (const sum of sums) fn.zeroV128().set(sum);
    fn.i32(64).set(k).i32(at.m).set(mAt);
    fn.repeat(k, () => {
      fn.get(sAt).op(Op.f32Load, 2, 0).simd(Simd.f32x4Splat).set(splat);
      sums.forEach((sum, q) => {
        fn.get(sum)
          .get(splat)
          .get(mAt)
          .v128Load(q * 16);
        fn.simd(Simd.f32x4Mul).simd(Simd.f32x4Add).set(sum);
      });
      fn.inc(sAt, 4).inc(mAt, lanes * 16);
    });
    sums.forEach((sum, q) =>
      fn
        .get(outAt)
        .get(sum)
        .v128Store(q * 16),
    );
    fn.inc(outAt, lanes * 16);
  });
}

function dct(): FunctionBuilder {
  const fn = new FunctionBuilder([]);
  // Stage 1: T[i][j] = Σk float32(D[i][k] · A[k][j]), a row of T in 16 lanes of four.
  productRows(fn, { s: DCT_LAYOUT.d, m: DCT_LAYOUT.a, out: DCT_LAYOUT.t }, 16);
  // Stage 2: B[i][j] = Σk float32(T[i][k] · D[j][k]), reading Dᵀ's rows: a row of B in 4 lanes.
  productRows(fn, { s: DCT_LAYOUT.t, m: DCT_LAYOUT.dT, out: DCT_LAYOUT.out }, 4);
  return fn;
}

export interface DctKernel {
  readonly memory: KernelMemory;
  dct(): void;
}

/** null where WebAssembly (with SIMD) is unavailable: callers then run the JavaScript loops. */
export function instantiateDctKernel(): DctKernel | null {
  return instantiateKernel<Omit<DctKernel, 'memory'>>(assembleModule([{ name: 'dct', fn: dct() }]));
}
