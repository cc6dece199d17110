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

function dct(): FunctionBuilder {
  const fn = new FunctionBuilder([]);
  const row = Array.from({ length: 16 }, () => fn.local(V128));
  const sums = Array.from({ length: 4 }, () => fn.local(V128));
  const splat = fn.local(V128);
  const i = fn.local(I32);
  const k = fn.local(I32);
  const dAt = fn.local(I32); // D[i][k] (stage 1), T[i][k] (stage 2)
  const aAt = fn.local(I32); // A[k][0] (stage 1), Dᵀ[k][0] (stage 2)
  const tAt = fn.local(I32); // T[i][0]
  const outAt = fn.local(I32);
  // Stage 1: T[i][j] = Σk float32(D[i][k] · A[k][j]), the row of T in 16 lanes of four.
  fn.i32(16).set(i).i32(DCT_LAYOUT.d).set(dAt).i32(DCT_LAYOUT.t).set(tAt);
  fn.repeat(i, () => {
    for (const r of row) fn.zeroV128().set(r);
    fn.i32(64).set(k).i32(DCT_LAYOUT.a).set(aAt);
    fn.repeat(k, () => {
      fn.get(dAt).op(Op.f32Load, 2, 0).simd(Simd.f32x4Splat).set(splat);
      row.forEach((r, q) => {
        fn.get(r)
          .get(splat)
          .get(aAt)
          .v128Load(q * 16)
          .simd(Simd.f32x4Mul)
          .simd(Simd.f32x4Add)
          .set(r);
      });
      fn.inc(dAt, 4).inc(aAt, 256);
    });
    row.forEach((r, q) =>
      fn
        .get(tAt)
        .get(r)
        .v128Store(q * 16),
    );
    fn.inc(tAt, 256);
  });
  // Stage 2: B[i][j] = Σk float32(T[i][k] · D[j][k]), j in four lanes of four, reading Dᵀ's rows.
  fn.i32(16).set(i).i32(DCT_LAYOUT.t).set(dAt).i32(DCT_LAYOUT.out).set(outAt);
  fn.repeat(i, () => {
    for (const s of sums) fn.zeroV128().set(s);
    fn.i32(64).set(k).i32(DCT_LAYOUT.dT).set(aAt);
    fn.repeat(k, () => {
      fn.get(dAt).op(Op.f32Load, 2, 0).simd(Simd.f32x4Splat).set(splat);
      sums.forEach((s, q) => {
        fn.get(s)
          .get(splat)
          .get(aAt)
          .v128Load(q * 16)
          .simd(Simd.f32x4Mul)
          .simd(Simd.f32x4Add)
          .set(s);
      });
      fn.inc(dAt, 4).inc(aAt, 64);
    });
    sums.forEach((s, q) =>
      fn
        .get(outAt)
        .get(s)
        .v128Store(q * 16),
    );
    fn.inc(outAt, 64);
  });
  return fn;
}

export interface DctKernel {
  readonly memory: KernelMemory;
  dct(): void;
}

/** null where WebAssembly (with SIMD) is unavailable: callers then run the JavaScript loops. */
export function instantiateDctKernel(): DctKernel | null {
  return instantiateKernel<Omit<DctKernel, 'memory'>>(dctKernelBytes());
}

export function dctKernelBytes(): Uint8Array {
  return assembleModule([{ name: 'dct', fn: dct() }]);
}
