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
 * The nearest and second-nearest descriptors, both ways, between two sets of 256-bit descriptors, in
 * WebAssembly SIMD: per pair two 128-bit XORs, i8x16.popcnt and a widening sum, then the same updates
 * as the JavaScript loop of descriptor-match.ts in the same order (strict <: ties keep the lower
 * index). The distances are the same integers, so the matches are the same.
 *
 * nearest(a, na, b, nb, outA, outB): byte offsets; a and b hold na and nb descriptors of 32 bytes,
 * 16-byte aligned. outA receives, per descriptor of a, three i32: its nearest in b, the distance to
 * it, the distance to the second nearest. outB holds the same for b and must come in as (-1, 257, 257)
 * each.
 */

function nearest(): FunctionBuilder {
  const fn = new FunctionBuilder([I32, I32, I32, I32, I32, I32]);
  const [a, na, b, nb, outA, outB] = [0, 1, 2, 3, 4, 5];
  const a0 = fn.local(V128);
  const a1 = fn.local(V128);
  const x = fn.local(V128);
  const i = fn.local(I32);
  const j = fn.local(I32);
  const left = fn.local(I32);
  const pb = fn.local(I32);
  const pB = fn.local(I32);
  const d = fn.local(I32);
  const b1 = fn.local(I32);
  const b2 = fn.local(I32);
  const bj = fn.local(I32);
  const load = (at: number, offset: number) => fn.get(at).op(Op.i32Load, 2, offset);
  /** memory[at + offset] = (what `value` pushes) */
  const store = (at: number, offset: number, value: () => void) => {
    fn.get(at);
    value();
    fn.op(Op.i32Store, 2, offset);
  };
  fn.i32(0).set(i);
  fn.repeat(na, () => {
    fn.get(a).v128Load(0).set(a0).get(a).v128Load(16).set(a1);
    fn.get(b).set(pb).get(outB).set(pB).get(nb).set(left).i32(0).set(j);
    fn.i32(257).set(b1).i32(257).set(b2).i32(-1).set(bj);
    fn.repeat(left, () => {
      // Bytes of popcounts (at most 16 each after the add), widened and summed pairwise to 4 lanes.
      fn.get(a0).get(pb).v128Load(0).simd(Simd.v128Xor).simd(Simd.i8x16Popcnt);
      fn.get(a1).get(pb).v128Load(16).simd(Simd.v128Xor).simd(Simd.i8x16Popcnt);
      fn.simd(Simd.i8x16Add).simd(Simd.i16x8ExtaddPairwiseI8x16U).simd(Simd.i32x4ExtaddPairwiseI16x8U).set(x);
      fn.get(x).simd(Simd.i32x4ExtractLane, 0);
      fn.get(x).simd(Simd.i32x4ExtractLane, 1).op(Op.i32Add);
      fn.get(x).simd(Simd.i32x4ExtractLane, 2).op(Op.i32Add);
      fn.get(x).simd(Simd.i32x4ExtractLane, 3).op(Op.i32Add).set(d);
      // a's side, in locals: if (d < b1) { b2 = b1; b1 = d; bj = j } else if (d < b2) b2 = d
      fn.get(d).get(b1).op(Op.i32LtS, Op.if, Op.void);
      fn.get(b1).set(b2).get(d).set(b1).get(j).set(bj);
      fn.op(Op.else).get(d).get(b2).op(Op.i32LtS, Op.if, Op.void).get(d).set(b2).op(Op.end);
      fn.op(Op.end);
      // b's side, in outB: [nearest, first, second] at pB
      fn.get(d);
      load(pB, 4);
      fn.op(Op.i32LtS, Op.if, Op.void);
      store(pB, 8, () => load(pB, 4));
      store(pB, 4, () => fn.get(d));
      store(pB, 0, () => fn.get(i));
      fn.op(Op.else).get(d);
      load(pB, 8);
      fn.op(Op.i32LtS, Op.if, Op.void);
      store(pB, 8, () => fn.get(d));
      fn.op(Op.end).op(Op.end);
      fn.inc(pb, 32).inc(pB, 12).inc(j, 1);
    });
    store(outA, 0, () => fn.get(bj));
    store(outA, 4, () => fn.get(b1));
    store(outA, 8, () => fn.get(b2));
    fn.inc(outA, 12).inc(a, 32).inc(i, 1);
  });
  return fn;
}

export interface HammingKernel {
  readonly memory: KernelMemory;
  nearest(a: number, na: number, b: number, nb: number, outA: number, outB: number): void;
}

/** null where WebAssembly (with SIMD) is unavailable: callers then use the JavaScript loop. */
export function instantiateHammingKernel(): HammingKernel | null {
  return instantiateKernel<Omit<HammingKernel, 'memory'>>(
    assembleModule([{ name: 'nearest', fn: nearest() }]),
  );
}
