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
 * The 7-tap Gaussian of gaussian.ts in WebAssembly SIMD, two pixels at a time in f64x2 lanes: each lane
 * multiplies and adds the same doubles in the same order as the JavaScript sums (tap 0 to 6) and rounds
 * to float32 once, at the store, as a Float32Array does, so the smoothed levels are the same to the bit.
 * Edges repeat the last pixel through padding: a row padded by 3 repeated pixels either side (`rows`),
 * and 3 repeated rows above and below the intermediate plane (copied in between by the caller), give
 * every pixel the unrolled sum that gaussian7Js's clamped edge loop also adds.
 *
 * rows(grey, w, h, pad, tmp): byte offsets; grey holds w × h bytes, pad is scratch for w + 8 doubles, and
 * row y of the result goes to row y + 3 of tmp (w float32 per row). cols(tmp, w, h, out): tmp as left
 * by rows with its 3 + 3 padding rows filled, out receives w × h float32. Both write up to one float32
 * past the end of their last row (slack the caller provides).
 */

function splatWeights(fn: FunctionBuilder, weights: readonly number[]): number[] {
  return weights.map((g) => {
    const v = fn.local(V128);
    fn.f64(g).simd(Simd.f64x2Splat).set(v);
    return v;
  });
}

/** acc = Σk weight[k] · lanes(k), in k order: the JavaScript sum's order. */
function weightedSum(fn: FunctionBuilder, weights: number[], lanes: (k: number) => void) {
  weights.forEach((g, k) => {
    fn.get(g);
    lanes(k);
    fn.simd(Simd.f64x2Mul);
    if (k > 0) fn.simd(Simd.f64x2Add);
  });
}

function rows(weights: readonly number[]): FunctionBuilder {
  const fn = new FunctionBuilder([I32, I32, I32, I32, I32]);
  const [grey, w, h, pad, tmp] = [0, 1, 2, 3, 4];
  const g = splatWeights(fn, weights);
  const y = fn.local(I32);
  const n = fn.local(I32);
  const src = fn.local(I32);
  const at = fn.local(I32);
  const out = fn.local(I32);
  const edge = fn.local(I32);
  fn.get(h).set(y).get(grey).set(src).get(tmp).get(w).i32(12).op(Op.i32Mul).op(Op.i32Add).set(out);
  fn.repeat(y, () => {
    // pad[3 + i] = grey[i]; pad[0..2] = grey[0]; pad[w+3 .. w+5] = grey[w−1].
    fn.get(w).set(n).get(pad).i32(24).op(Op.i32Add).set(at);
    fn.repeat(n, () => {
      fn.get(at).get(src).load8u().op(Op.f64ConvertI32U).op(Op.f64Store, 3, 0);
      fn.inc(at, 8).inc(src, 1);
    });
    fn.get(pad).get(w).i32(3).op(Op.i32Shl).op(Op.i32Add).set(edge); // edge + 16: pad[w + 2], the last pixel
    for (let k = 0; k < 3; k++) {
      fn.get(pad)
        .get(pad)
        .op(Op.f64Load, 3, 24)
        .op(Op.f64Store, 3, k * 8);
      fn.get(edge)
        .get(edge)
        .op(Op.f64Load, 3, 16)
        .op(Op.f64Store, 3, 24 + k * 8);
    }
    // Two output pixels per pass: x and x + 1 read pad[x + k] and pad[x + 1 + k].
    fn.get(w).i32(1).op(Op.i32Add).i32(1).op(Op.i32ShrU).set(n); // ⌈w / 2⌉
    fn.get(pad).set(at);
    fn.repeat(n, () => {
      fn.get(out);
      weightedSum(fn, g, (k) => fn.get(at).v128Load(k * 8));
      fn.simd(Simd.f32x4DemoteF64x2Zero).simd(Simd.v128Store64Lane, 3, 0, 0);
      fn.inc(at, 16).inc(out, 8);
    });
    // out ran ⌈w/2⌉·2 floats: back to the start of the next row.
    fn.get(out).get(w).i32(1).op(Op.i32And).i32(2).op(Op.i32Shl).op(Op.i32Sub).set(out); // out −= (w & 1) · 4
  });
  return fn;
}

function cols(weights: readonly number[]): FunctionBuilder {
  const fn = new FunctionBuilder([I32, I32, I32, I32]);
  const [tmp, w, h, out] = [0, 1, 2, 3];
  const g = splatWeights(fn, weights);
  const y = fn.local(I32);
  const n = fn.local(I32);
  const at = fn.local(I32);
  const dst = fn.local(I32);
  // Byte offsets of the rows below: tap k reads k rows down.
  const down = weights.map(() => fn.local(I32));
  down.forEach((d, k) =>
    fn
      .get(w)
      .i32(4 * k)
      .op(Op.i32Mul)
      .set(d),
  );
  fn.get(h).set(y).get(tmp).set(at).get(out).set(dst);
  fn.repeat(y, () => {
    fn.get(w).i32(1).op(Op.i32Add).i32(1).op(Op.i32ShrU).set(n);
    fn.repeat(n, () => {
      fn.get(dst);
      weightedSum(fn, g, (k) => {
        fn.get(at)
          .get(down[k]!)
          .op(Op.i32Add)
          .simd(Simd.v128Load64Zero, 3, 0)
          .simd(Simd.f64x2PromoteLowF32x4);
      });
      fn.simd(Simd.f32x4DemoteF64x2Zero).simd(Simd.v128Store64Lane, 3, 0, 0);
      fn.inc(at, 8).inc(dst, 8);
    });
    fn.get(w).i32(1).op(Op.i32And).i32(2).op(Op.i32Shl).set(n); // (w & 1) · 4: the extra float
    fn.get(at).get(n).op(Op.i32Sub).set(at).get(dst).get(n).op(Op.i32Sub).set(dst);
  });
  return fn;
}

export interface GaussianKernel {
  readonly memory: KernelMemory;
  rows(grey: number, w: number, h: number, pad: number, tmp: number): void;
  cols(tmp: number, w: number, h: number, out: number): void;
}

/** The kernel for these 7 weights; null where WebAssembly (with SIMD) is unavailable. */
export function instantiateGaussianKernel(weights: readonly number[]): GaussianKernel | null {
  return instantiateKernel<Omit<GaussianKernel, 'memory'>>(
    assembleModule([
      { name: 'rows', fn: rows(weights) },
      { name: 'cols', fn: cols(weights) },
    ]),
  );
}
