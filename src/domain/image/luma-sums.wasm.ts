import {
  assembleModule,
  FunctionBuilder,
  I32,
  instantiateKernel,
  type KernelMemory,
} from '../hashing/wasm-emitter';
import { Op } from '../hashing/wasm-opcodes';

/**
 * Block sums of integer luma (luma-sums.ts) in WebAssembly: the same integers as the JavaScript loop,
 * each run of a row summed in i32 (a run's sum stays far below 2³¹) and added to its cell as a double
 * (exact: whole numbers below 2⁵³). Plain scalar code: what it saves is the JavaScript engine's checks
 * and its conversions per pixel.
 *
 * sums(img, rowBytes, channels, rows, first, factor, h, bounds, w, out): byte offsets img (rows ×
 * rowBytes pixel bytes: a band of the picture, whose first row is row `first` of the blocks' rows),
 * bounds (w + 1 i32 column indices) and out (w × h f64, added to, so bands add up). Row y of the band
 * adds to cell row min(h − 1, ⌊(first + y) / factor⌋).
 */

function sums(): FunctionBuilder {
  const fn = new FunctionBuilder([I32, I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [img, rowBytes, channels, rows, first, factor, h, bounds, w, out] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const y = fn.local(I32);
  const r = fn.local(I32);
  const rowAt = fn.local(I32);
  const cellAt = fn.local(I32);
  const boundAt = fn.local(I32);
  const c = fn.local(I32);
  const p = fn.local(I32);
  const end = fn.local(I32);
  const s = fn.local(I32);
  const bytesAt = (boundOffset: number) =>
    fn.get(rowAt).get(boundAt).op(Op.i32Load, 2, boundOffset).get(channels).op(Op.i32Mul).op(Op.i32Add);
  fn.i32(0).set(y);
  fn.until(
    () => fn.get(y).get(rows).op(Op.i32GeU),
    () => {
      fn.get(first).get(y).op(Op.i32Add).get(factor).op(Op.i32DivU).set(r);
      fn.i32(-1).get(h).op(Op.i32Add).get(r).get(r).get(h).op(Op.i32GeU).op(Op.select).set(r); // min(h - 1, r)
      fn.get(img).get(y).get(rowBytes).op(Op.i32Mul).op(Op.i32Add).set(rowAt);
      fn.get(out).get(r).get(w).op(Op.i32Mul).i32(3).op(Op.i32Shl).op(Op.i32Add).set(cellAt);
      fn.get(bounds).set(boundAt).get(w).set(c);
      fn.repeat(c, () => {
        bytesAt(0).set(p);
        bytesAt(4).set(end);
        fn.i32(0).set(s);
        const pastEnd = () => fn.get(p).get(end).op(Op.i32GeU);
        fn.get(channels).i32(1).op(Op.i32Eq).op(Op.if, Op.void);
        fn.until(pastEnd, () => {
          fn.get(s).get(p).load8u().i32(8).op(Op.i32Shl).op(Op.i32Add).set(s);
          fn.inc(p, 1);
        });
        fn.op(Op.else);
        fn.until(pastEnd, () => {
          fn.get(s);
          fn.i32(77).get(p).load8u(0).op(Op.i32Mul).op(Op.i32Add);
          fn.i32(150).get(p).load8u(1).op(Op.i32Mul).op(Op.i32Add);
          fn.i32(29).get(p).load8u(2).op(Op.i32Mul).op(Op.i32Add);
          fn.set(s);
          fn.get(p).get(channels).op(Op.i32Add).set(p);
        });
        fn.op(Op.end);
        fn.get(cellAt)
          .get(cellAt)
          .op(Op.f64Load, 3, 0)
          .get(s)
          .op(Op.f64ConvertI32U)
          .op(Op.f64Add)
          .op(Op.f64Store, 3, 0);
        fn.inc(cellAt, 8).inc(boundAt, 4);
      });
      fn.inc(y, 1);
    },
  );
  return fn;
}

export interface LumaSumsKernel {
  readonly memory: KernelMemory;
  sums(
    img: number,
    rowBytes: number,
    channels: number,
    rows: number,
    first: number,
    factor: number,
    h: number,
    bounds: number,
    w: number,
    out: number,
  ): void;
}

/** null where WebAssembly is unavailable: callers then run the JavaScript loop. */
export function instantiateLumaSumsKernel(): LumaSumsKernel | null {
  return instantiateKernel<Omit<LumaSumsKernel, 'memory'>>(assembleModule([{ name: 'sums', fn: sums() }]));
}
