import {
  assembleModule,
  FunctionBuilder,
  I32,
  instantiateKernel,
  type KernelMemory,
} from '../hashing/wasm-emitter';

/**
 * Block sums of integer luma (luma-sums.ts) in WebAssembly: the same integers as the JavaScript loop,
 * each run of a row summed in i32 (a run's sum stays far below 2³¹) and added to its cell as a double
 * (exact: whole numbers below 2⁵³). Plain scalar code: what it saves is the JavaScript engine's checks
 * and its conversions per pixel.
 *
 * sums(img, rowBytes, channels, rows, factor, h, bounds, w, out): byte offsets img (rows × rowBytes
 * pixel bytes), bounds (w + 1 i32 column indices) and out (w × h f64, added to). Row y adds to cell
 * row min(h − 1, ⌊y / factor⌋).
 */
const I32_ADD = 0x6a;
const I32_MUL = 0x6c;
const I32_DIV_U = 0x6e;
const I32_SHL = 0x74;
const I32_EQ = 0x46;
const I32_GE_U = 0x4f;
const I32_LOAD = 0x28;
const F64_LOAD = 0x2b;
const F64_STORE = 0x39;
const F64_ADD = 0xa0;
const F64_CONVERT_I32_U = 0xb8;
const SELECT = 0x1b;
const BLOCK = 0x02;
const LOOP = 0x03;
const IF = 0x04;
const ELSE = 0x05;
const BR = 0x0c;
const BR_IF = 0x0d;
const END = 0x0b;
const VOID = 0x40;

function sums(): FunctionBuilder {
  const fn = new FunctionBuilder([I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [img, rowBytes, channels, rows, factor, h, bounds, w, out] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
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
    fn.get(rowAt).get(boundAt).op(I32_LOAD, 2, boundOffset).get(channels).op(I32_MUL).op(I32_ADD);
  fn.i32(0).set(y);
  fn.op(BLOCK, VOID, LOOP, VOID); // rows
  fn.get(y).get(rows).op(I32_GE_U).op(BR_IF, 1);
  fn.get(y).get(factor).op(I32_DIV_U).set(r);
  fn.i32(-1).get(h).op(I32_ADD).get(r).get(r).get(h).op(I32_GE_U).op(SELECT).set(r); // min(h - 1, r)
  fn.get(img).get(y).get(rowBytes).op(I32_MUL).op(I32_ADD).set(rowAt);
  fn.get(out).get(r).get(w).op(I32_MUL).i32(3).op(I32_SHL).op(I32_ADD).set(cellAt);
  fn.get(bounds).set(boundAt).get(w).set(c);
  fn.repeat(c, () => {
    bytesAt(0).set(p);
    bytesAt(4).set(end);
    fn.i32(0).set(s);
    fn.get(channels).i32(1).op(I32_EQ).op(IF, VOID);
    fn.op(BLOCK, VOID, LOOP, VOID);
    fn.get(p).get(end).op(I32_GE_U).op(BR_IF, 1);
    fn.get(s).get(p).load8u().i32(8).op(I32_SHL).op(I32_ADD).set(s);
    fn.inc(p, 1).op(BR, 0, END, END);
    fn.op(ELSE);
    fn.op(BLOCK, VOID, LOOP, VOID);
    fn.get(p).get(end).op(I32_GE_U).op(BR_IF, 1);
    fn.get(s);
    fn.i32(77).get(p).load8u(0).op(I32_MUL).op(I32_ADD);
    fn.i32(150).get(p).load8u(1).op(I32_MUL).op(I32_ADD);
    fn.i32(29).get(p).load8u(2).op(I32_MUL).op(I32_ADD);
    fn.set(s);
    fn.get(p).get(channels).op(I32_ADD).set(p).op(BR, 0, END, END);
    fn.op(END);
    fn.get(cellAt)
      .get(cellAt)
      .op(F64_LOAD, 3, 0)
      .get(s)
      .op(F64_CONVERT_I32_U)
      .op(F64_ADD)
      .op(F64_STORE, 3, 0);
    fn.inc(cellAt, 8).inc(boundAt, 4);
  });
  fn.inc(y, 1).op(BR, 0, END, END);
  return fn;
}

export interface LumaSumsKernel {
  readonly memory: KernelMemory;
  sums(
    img: number,
    rowBytes: number,
    channels: number,
    rows: number,
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
