/**
 * A tiny WebAssembly binary emitter: just what the kernels need (i32/f32/f64/v128 locals, loops, f32 and
 * f32x4 arithmetic, loads and stores; other opcodes through `op` and `simd`). The kernels: PDQ's box
 * filter (box-kernel.wasm.ts) and DCT (dct-kernel.wasm.ts); the luma block sums behind the analysis
 * planes (image/luma-sums.wasm.ts); FAST corners, the Gaussian and the pyramid resample of the
 * keypoints (features/*-kernel.wasm.ts); descriptor matching (features/hamming-kernel.wasm.ts). Each
 * gives the same bits as the JavaScript it stands in for, which stays as the fallback and as the
 * reference its property test compares with. A kernel is written in TypeScript against this emitter
 * and assembled at load time, so the WebAssembly is built from source in this repository, with no
 * toolchain and nothing downloaded.
 */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F32 | typeof F64 | typeof V128;
export const F32_ADD = 0x92;
export const F32_MUL = 0x94;
export const F32_FROM_U32 = 0xb3;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const str = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

/** Builds one function body; locals are numbered after the parameters. */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly localTypes: ValueType[] = [];

  constructor(readonly params: readonly ValueType[]) {}

  local(type: ValueType): number {
    this.localTypes.push(type);
    return this.params.length + this.localTypes.length - 1;
  }

  op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }
  get(i: number) {
    return this.op(0x20, ...uleb(i));
  }
  set(i: number) {
    return this.op(0x21, ...uleb(i));
  }
  i32(n: number) {
    return this.op(0x41, ...sleb(n));
  }
  /** f64.const x */
  f64(x: number) {
    return this.op(0x44, ...new Uint8Array(new Float64Array([x]).buffer));
  }
  /** local[i] += n (i32) */
  inc(i: number, n: number) {
    return this.get(i).i32(n).op(0x6a).set(i);
  }
  simd(op: number, ...imm: number[]) {
    return this.op(0xfd, ...uleb(op), ...imm);
  }
  v128Load(offset = 0) {
    return this.simd(0x00, 4, ...uleb(offset));
  }
  v128Store(offset = 0) {
    return this.simd(0x0b, 4, ...uleb(offset));
  }
  f32Store(offset = 0) {
    return this.op(0x38, 2, ...uleb(offset));
  }
  load8u(offset = 0) {
    return this.op(0x2d, 0, ...uleb(offset));
  }
  f32x4Add() {
    return this.simd(0xe4);
  }
  f32x4Sub() {
    return this.simd(0xe5);
  }
  f32x4Div() {
    return this.simd(0xe7);
  }
  f32x4Extract(lane: number) {
    return this.simd(0x1f, lane);
  }
  /** splat(float32(local i32)) */
  splatCount(i: number) {
    return this.get(i).op(0xb2).simd(0x13);
  }
  zeroV128() {
    return this.op(0x43, 0, 0, 0, 0).simd(0x13); // f32.const 0, f32x4.splat
  }
  /**
   * Runs `body` until the i32 that `exit` pushes is true, tested before each pass. Inside `body`,
   * `br 1` leaves the loop and `br 0` starts the next pass (its step skipped).
   */
  until(exit: () => void, body: () => void) {
    this.op(0x02, 0x40, 0x03, 0x40); // block, loop
    exit();
    this.op(0x0d, 1); // br_if 1
    body();
    return this.op(0x0c, 0).op(0x0b, 0x0b); // br 0; end loop; end block
  }
  /** Runs `body` while local `counter` > 0, decrementing it after each pass. */
  repeat(counter: number, body: () => void) {
    return this.until(
      () => this.get(counter).i32(0).op(0x4c), // counter <= 0
      () => {
        body();
        this.inc(counter, -1);
      },
    );
  }

  encode(): number[] {
    const groups: number[][] = this.localTypes.map((t) => [1, t]);
    const body = [...vec(groups), ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

/** A module importing its memory as env.memory and exporting the named functions (no results). */
export function assembleModule(functions: readonly { name: string; fn: FunctionBuilder }[]): Uint8Array {
  const types = functions.map(({ fn }) => [0x60, ...vec(fn.params.map((p) => [p])), 0]);
  const imports = vec([[...str('env'), ...str('memory'), 0x02, 0x00, 0x01]]);
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map(({ name }, i) => [...str(name), 0x00, ...uleb(i)]))),
    ...section(10, vec(functions.map(({ fn }) => fn.encode()))),
  ];
  return Uint8Array.from(bytes);
}

/** Grows a kernel's memory to hold at least `bytes` (whole 64 KiB pages). */
export function ensureMemory(memory: KernelMemory, bytes: number): ArrayBuffer {
  const have = memory.buffer.byteLength;
  if (have < bytes) memory.grow(Math.ceil((bytes - have) / 65536));
  return memory.buffer;
}

/** The slice of the WebAssembly API used here (the pure domain's lib has no WebAssembly types). */
export interface KernelMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WebAssemblyApi {
  Memory: new (descriptor: { initial: number }) => KernelMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/**
 * An assembled module's exports with its memory (one page to start); null where WebAssembly (with
 * SIMD) is unavailable or refuses the module: callers then run their JavaScript kernels.
 */
export function instantiateKernel<Exports extends object>(
  bytes: Uint8Array,
): (Exports & { readonly memory: KernelMemory }) | null {
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (!wasm) return null;
  try {
    const memory = new wasm.Memory({ initial: 1 });
    const instance = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
    return { memory, ...(instance.exports as Exports) };
  } catch {
    return null;
  }
}
