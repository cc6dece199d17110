/**
 * The reference's 1-D box filter (Jarosz), in float32 with its exact order of operations, as row and
 * column kernels. A window of `w` values; near the edges the window is cut and the divisor shrinks:
 *   phase 1: add `half - 1` values, write nothing;  phase 2: add, write sum / count;
 *   phase 3: add the right value, subtract the left one, write sum / w;  phase 4: subtract, write sum / count.
 *
 * Invariant (bit-exactness): every sum is rounded to float32 after each single addition or subtraction,
 * in the reference's order. Division by the window count is done as a multiplication by the double
 * reciprocal and then rounded to float32, which gives the same float32 as the division: for a float32 s and an
 * integer c < 2^20, s/c is at least 2^-25/c (relative) away from any float32 rounding midpoint, far more
 * than the 2^-52 error of s·(1/c) in double (property-tested in jarosz-box.test.ts).
 *
 * Row filtering is a chain of dependent additions, so rows are filtered four at a time (four
 * independent chains the CPU can overlap); columns are filtered a whole row of sums at a time.
 */
const fround = Math.fround;

/** The reference's window: half of one output cell, rounded up, so two passes cover a whole cell. */
export function jaroszWindow(oldDimension: number, newDimension: number): number {
  return Math.floor((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

export interface BoxPhases {
  readonly window: number;
  readonly p1: number;
  readonly p2: number;
  readonly p3: number;
  readonly p4: number;
  /** reciprocal[c] = 1 / c for c in 1..window. */
  readonly reciprocal: Float64Array;
}

export function boxPhases(length: number, window: number): BoxPhases {
  const half = (window + 2) >> 1;
  const reciprocal = new Float64Array(window + 1);
  for (let c = 1; c <= window; c++) reciprocal[c] = 1 / c;
  return { window, p1: half - 1, p2: window - half + 1, p3: length - window, p4: half - 1, reciprocal };
}

/** Filters 4 rows of `length` values: src rows start at a0..a3, dst rows at o0..o3. */
export function boxRows4(
  src: Float32Array,
  a0: number,
  a1: number,
  a2: number,
  a3: number,
  dst: Float32Array,
  o0: number,
  o1: number,
  o2: number,
  o3: number,
  ph: BoxPhases,
): void {
  const inv = ph.reciprocal;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let r = 0;
  let l = 0;
  let o = 0;
  for (let i = 0; i < ph.p1; i++, r++) {
    s0 = fround(s0 + src[a0 + r]!);
    s1 = fround(s1 + src[a1 + r]!);
    s2 = fround(s2 + src[a2 + r]!);
    s3 = fround(s3 + src[a3 + r]!);
  }
  let c = ph.p1;
  for (let i = 0; i < ph.p2; i++, r++, o++) {
    const k = inv[++c]!;
    s0 = fround(s0 + src[a0 + r]!);
    s1 = fround(s1 + src[a1 + r]!);
    s2 = fround(s2 + src[a2 + r]!);
    s3 = fround(s3 + src[a3 + r]!);
    dst[o0 + o] = s0 * k;
    dst[o1 + o] = s1 * k;
    dst[o2 + o] = s2 * k;
    dst[o3 + o] = s3 * k;
  }
  const k = inv[c]!;
  for (let i = 0; i < ph.p3; i++, r++, l++, o++) {
    s0 = fround(fround(s0 + src[a0 + r]!) - src[a0 + l]!);
    s1 = fround(fround(s1 + src[a1 + r]!) - src[a1 + l]!);
    s2 = fround(fround(s2 + src[a2 + r]!) - src[a2 + l]!);
    s3 = fround(fround(s3 + src[a3 + r]!) - src[a3 + l]!);
    dst[o0 + o] = s0 * k;
    dst[o1 + o] = s1 * k;
    dst[o2 + o] = s2 * k;
    dst[o3 + o] = s3 * k;
  }
  for (let i = 0; i < ph.p4; i++, l++, o++) {
    const k4 = inv[--c]!;
    s0 = fround(s0 - src[a0 + l]!);
    s1 = fround(s1 - src[a1 + l]!);
    s2 = fround(s2 - src[a2 + l]!);
    s3 = fround(s3 - src[a3 + l]!);
    dst[o0 + o] = s0 * k4;
    dst[o1 + o] = s1 * k4;
    dst[o2 + o] = s2 * k4;
    dst[o3 + o] = s3 * k4;
  }
}

/** Filters one row (the remainder when the row count is not a multiple of 4). */
export function boxRow1(src: Float32Array, a: number, dst: Float32Array, od: number, ph: BoxPhases): void {
  const inv = ph.reciprocal;
  let s = 0;
  let r = 0;
  let l = 0;
  let o = 0;
  for (let i = 0; i < ph.p1; i++, r++) s = fround(s + src[a + r]!);
  let c = ph.p1;
  for (let i = 0; i < ph.p2; i++, r++, o++) {
    s = fround(s + src[a + r]!);
    dst[od + o] = s * inv[++c]!;
  }
  const k = inv[c]!;
  for (let i = 0; i < ph.p3; i++, r++, l++, o++) {
    s = fround(fround(s + src[a + r]!) - src[a + l]!);
    dst[od + o] = s * k;
  }
  for (let i = 0; i < ph.p4; i++, l++, o++) {
    s = fround(s - src[a + l]!);
    dst[od + o] = s * inv[--c]!;
  }
}

/**
 * The column filter as a stream of rows: `push()` input rows in order and output rows come out in
 * order (`emit`); `finish()` flushes the last `p4` rows. Every column advances together, so the inner
 * loops run along memory and the columns' independent sums overlap in the CPU.
 */
export class BoxColumnStream {
  private pushed = 0;
  private emitted = 0;

  constructor(
    private readonly width: number,
    private readonly ph: BoxPhases,
    private readonly src: Float32Array,
    /** Offset of input row r in src: rows r - window .. r must still be there when row r is pushed. */
    private readonly rowAt: (r: number) => number,
    private readonly dst: Float32Array,
    /** Offset in dst where output row r goes. */
    private readonly outAt: (r: number) => number,
    /** Called once output row r is written. */
    private readonly emit: (r: number) => void,
    private readonly sums: Float32Array,
  ) {
    sums.fill(0, 0, width);
  }

  /** Pushes the next input row (row number = rows pushed so far), already stored at rowAt(r). */
  push(): void {
    const { ph, width, sums, src, dst } = this;
    const r = this.pushed++;
    const a = this.rowAt(r);
    if (r < ph.p1) {
      for (let x = 0; x < width; x++) sums[x] = sums[x]! + src[a + x]!;
      return;
    }
    const o = this.outAt(this.emitted);
    if (r < ph.p1 + ph.p2) {
      const k = ph.reciprocal[r + 1]!;
      for (let x = 0; x < width; x++) {
        const s = fround(sums[x]! + src[a + x]!);
        sums[x] = s;
        dst[o + x] = s * k;
      }
    } else {
      const b = this.rowAt(r - ph.window);
      const k = ph.reciprocal[ph.window]!;
      for (let x = 0; x < width; x++) {
        const s = fround(fround(sums[x]! + src[a + x]!) - src[b + x]!);
        sums[x] = s;
        dst[o + x] = s * k;
      }
    }
    this.emit(this.emitted++);
  }

  finish(): void {
    const { ph, width, sums, src, dst } = this;
    let l = this.pushed - ph.window;
    let c = ph.window;
    for (let i = 0; i < ph.p4; i++, l++) {
      const b = this.rowAt(l);
      const o = this.outAt(this.emitted);
      const k = ph.reciprocal[--c]!;
      for (let x = 0; x < width; x++) {
        const s = fround(sums[x]! - src[b + x]!);
        sums[x] = s;
        dst[o + x] = s * k;
      }
      this.emit(this.emitted++);
    }
  }
}
