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
 * WebAssembly SIMD, four descriptors of b at a time: per pair two 128-bit XORs, i8x16.popcnt and a
 * widening sum to four partial sums; the four pairs' partial sums are added across by two rounds of
 * shuffles, which gives one vector of four distances. The bookkeeping is then done in lanes, without
 * a branch: lane k of a's side follows the descriptors j ≡ k (mod 4) of b, and b's side keeps its
 * nearest, first and second as three arrays (one vector load and store each per four pairs). The
 * caller merges a's four lanes per row (descriptor-match.ts). Each lane sees its descriptors in order
 * and updates on a strict <, as the JavaScript loop does, so the distances, the nearest and its ties
 * (to the lower index) are the same.
 *
 * nearest(a, na, b, nb, outA, outB): byte offsets, 16-byte aligned; a and b hold na and nb descriptors
 * of 32 bytes (b padded to a multiple of 4: the padding is never taken, its distances count as 257).
 * outA receives, per descriptor of a, three vectors: the lanes' nearest (-1: none), first and second
 * distances (257: none). outB holds b's nearest, first and second as three arrays of nb rounded up to
 * 4 i32 each, and must come in as -1, 257 and 257. nearestOneWay(a, na, b, nb, outA): outA alone
 * (the quick look before a full matching).
 */

/** i8x16.shuffle lanes taking the even and the odd i32 lanes of two vectors (x's two, then y's two). */
const EVEN_LANES = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
const ODD_LANES = [4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31];
/** Bytes of an i32x4 constant. */
const i32x4Bytes = (lanes: readonly number[]) => [...new Uint8Array(Int32Array.from(lanes).buffer)];

function nearest(bothWays: boolean): FunctionBuilder {
  const fn = new FunctionBuilder(bothWays ? [I32, I32, I32, I32, I32, I32] : [I32, I32, I32, I32, I32]);
  const [a, na, b, nb, outA, outB] = [0, 1, 2, 3, 4, 5];
  const a0 = fn.local(V128);
  const a1 = fn.local(V128);
  const x = [fn.local(V128), fn.local(V128), fn.local(V128), fn.local(V128)];
  const d = fn.local(V128);
  const first = fn.local(V128);
  const second = fn.local(V128);
  const best = fn.local(V128);
  const lanes = fn.local(V128);
  const row = fn.local(V128);
  const valid = fn.local(V128);
  const none = fn.local(V128);
  const bFirst = fn.local(V128);
  const bSecond = fn.local(V128);
  const nearer = fn.local(V128);
  const i = fn.local(I32);
  const left = fn.local(I32);
  const pb = fn.local(I32);
  const pB = fn.local(I32);
  const stride = fn.local(I32);
  const splat = (value: () => void) => {
    value();
    fn.simd(Simd.i32x4Splat);
  };
  const constant = (lanes4: readonly number[]) => fn.simd(Simd.v128Const, ...i32x4Bytes(lanes4));
  /** (what `pick` pushes) where `mask`, else (what `other` pushes) */
  const choose = (pick: () => void, other: () => void, mask: () => void) => {
    pick();
    other();
    mask();
    fn.simd(Simd.v128Bitselect);
  };
  /** Pushes the new second nearest: d < first ? first : d < second ? d : second (`nearer`: d < first). */
  const runnerUp = (firstNow: number, secondNow: number) =>
    choose(
      () => fn.get(firstNow),
      () =>
        choose(
          () => fn.get(d),
          () => fn.get(secondNow),
          () => fn.get(d).get(secondNow).simd(Simd.i32x4LtS),
        ),
      () => fn.get(nearer),
    );
  splat(() => fn.i32(257));
  fn.set(none);
  splat(() => fn.get(nb));
  fn.set(valid);
  // Bytes of one of outB's arrays: nb rounded up to 4 lanes.
  fn.get(nb).i32(3).op(Op.i32Add).i32(-4).op(Op.i32And).i32(4).op(Op.i32Mul).set(stride);
  fn.i32(0).set(i);
  fn.repeat(na, () => {
    fn.get(a).v128Load(0).set(a0).get(a).v128Load(16).set(a1);
    fn.get(b).set(pb);
    if (bothWays) fn.get(outB).set(pB);
    fn.get(nb).i32(3).op(Op.i32Add).i32(2).op(Op.i32ShrU).set(left);
    constant([0, 1, 2, 3]).set(lanes);
    constant([-1, -1, -1, -1]).set(best);
    fn.get(none).set(first).get(none).set(second);
    splat(() => fn.get(i));
    fn.set(row);
    fn.repeat(left, () => {
      // Four partial sums per pair: popcounts of the two halves' XORs, added, widened pairwise twice.
      for (let k = 0; k < 4; k++) {
        fn.get(a0)
          .get(pb)
          .v128Load(32 * k)
          .simd(Simd.v128Xor)
          .simd(Simd.i8x16Popcnt);
        fn.get(a1)
          .get(pb)
          .v128Load(32 * k + 16)
          .simd(Simd.v128Xor)
          .simd(Simd.i8x16Popcnt);
        fn.simd(Simd.i8x16Add).simd(Simd.i16x8ExtaddPairwiseI8x16U).simd(Simd.i32x4ExtaddPairwiseI16x8U);
        fn.set(x[k]!);
      }
      // Added across: [x0, x1] and [x2, x3] to halves, then to the four distances, in lane order.
      const across = (p: () => void, q: () => void) => {
        p();
        q();
        fn.simd(Simd.i8x16Shuffle, ...EVEN_LANES);
        p();
        q();
        fn.simd(Simd.i8x16Shuffle, ...ODD_LANES).simd(Simd.i32x4Add);
      };
      across(
        () =>
          across(
            () => fn.get(x[0]!),
            () => fn.get(x[1]!),
          ),
        () =>
          across(
            () => fn.get(x[2]!),
            () => fn.get(x[3]!),
          ),
      );
      fn.set(d);
      // Padding lanes (j >= nb) count as 257: never nearer than anything.
      choose(
        () => fn.get(d),
        () => fn.get(none),
        () => fn.get(lanes).get(valid).simd(Simd.i32x4LtS),
      );
      fn.set(d);
      // a's side, per lane: the same updates as the scan's, in lanes.
      fn.get(d).get(first).simd(Simd.i32x4LtS).set(nearer);
      runnerUp(first, second);
      fn.set(second);
      choose(
        () => fn.get(d),
        () => fn.get(first),
        () => fn.get(nearer),
      );
      fn.set(first);
      choose(
        () => fn.get(lanes),
        () => fn.get(best),
        () => fn.get(nearer),
      );
      fn.set(best);
      if (bothWays) {
        // b's side, four descriptors of b: the same updates against their stored nearest so far.
        fn.get(pB).get(stride).op(Op.i32Add).v128Load(0).set(bFirst);
        fn.get(pB).get(stride).op(Op.i32Add).get(stride).op(Op.i32Add).v128Load(0).set(bSecond);
        fn.get(d).get(bFirst).simd(Simd.i32x4LtS).set(nearer);
        fn.get(pB).get(stride).op(Op.i32Add).get(stride).op(Op.i32Add);
        runnerUp(bFirst, bSecond);
        fn.v128Store(0);
        fn.get(pB).get(stride).op(Op.i32Add);
        choose(
          () => fn.get(d),
          () => fn.get(bFirst),
          () => fn.get(nearer),
        );
        fn.v128Store(0);
        fn.get(pB);
        choose(
          () => fn.get(row),
          () => fn.get(pB).v128Load(0),
          () => fn.get(nearer),
        );
        fn.v128Store(0);
        fn.inc(pB, 16);
      }
      fn.get(lanes);
      constant([4, 4, 4, 4]);
      fn.simd(Simd.i32x4Add).set(lanes);
      fn.inc(pb, 128);
    });
    fn.get(outA).get(best).v128Store(0);
    fn.get(outA).get(first).v128Store(16);
    fn.get(outA).get(second).v128Store(32);
    fn.inc(outA, 48).inc(a, 32).inc(i, 1);
  });
  return fn;
}

export interface HammingKernel {
  readonly memory: KernelMemory;
  nearest(a: number, na: number, b: number, nb: number, outA: number, outB: number): void;
  nearestOneWay(a: number, na: number, b: number, nb: number, outA: number): void;
}

/** null where WebAssembly (with SIMD) is unavailable: callers then use the JavaScript loop. */
export function instantiateHammingKernel(): HammingKernel | null {
  return instantiateKernel<Omit<HammingKernel, 'memory'>>(
    assembleModule([
      { name: 'nearest', fn: nearest(true) },
      { name: 'nearestOneWay', fn: nearest(false) },
    ]),
  );
}
