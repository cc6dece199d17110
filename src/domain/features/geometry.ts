/**
 * Plane transforms for the geometric check: affine (6 numbers: x' = a x + b y + c, y' = d x + e y + f)
 * and homography (9 numbers, row-major). Least-squares fits solve small normal equations.
 */
export type Affine = readonly [number, number, number, number, number, number];
export type Homography = readonly [number, number, number, number, number, number, number, number, number];

export function affineFrom3(p: readonly number[], q: readonly number[]): Affine | null {
  // p, q: 3 points each as [x0,y0,x1,y1,x2,y2].
  const [x0, y0, x1, y1, x2, y2] = p as [number, number, number, number, number, number];
  const det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  if (Math.abs(det) < 1e-6) return null;
  const solve = (u0: number, u1: number, u2: number) => {
    const a = ((u1 - u0) * (y2 - y0) - (u2 - u0) * (y1 - y0)) / det;
    const b = ((x1 - x0) * (u2 - u0) - (x2 - x0) * (u1 - u0)) / det;
    return [a, b, u0 - a * x0 - b * y0] as const;
  };
  const [a, b, c] = solve(q[0]!, q[2]!, q[4]!);
  const [d, e, f] = solve(q[1]!, q[3]!, q[5]!);
  return [a, b, c, d, e, f];
}

/** Least-squares affine from point lists (flat x,y) restricted to `use` indices. */
export function fitAffine(p: Float64Array, q: Float64Array, use: readonly number[]): Affine | null {
  // Normal equations for [a b c] (x') and [d e f] (y') share the 3x3 matrix.
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  let sx = 0;
  let sy = 0;
  let n = 0;
  let ux = 0;
  let uy = 0;
  let u1 = 0;
  let vx = 0;
  let vy = 0;
  let v1 = 0;
  for (const i of use) {
    const x = p[i * 2]!;
    const y = p[i * 2 + 1]!;
    const u = q[i * 2]!;
    const v = q[i * 2 + 1]!;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
    sx += x;
    sy += y;
    n++;
    ux += u * x;
    uy += u * y;
    u1 += u;
    vx += v * x;
    vy += v * y;
    v1 += v;
  }
  const m = [sxx, sxy, sx, sxy, syy, sy, sx, sy, n];
  const inv = invert3(m);
  if (!inv) return null;
  const mul = (r0: number, r1: number, r2: number) =>
    [0, 1, 2].map((r) => inv[r * 3]! * r0 + inv[r * 3 + 1]! * r1 + inv[r * 3 + 2]! * r2);
  const [a, b, c] = mul(ux, uy, u1) as [number, number, number];
  const [d, e, f] = mul(vx, vy, v1) as [number, number, number];
  return [a, b, c, d, e, f];
}

/** Least-squares homography (DLT with h33 = 1) on `use`, points normalised for conditioning. */
export function fitHomography(p: Float64Array, q: Float64Array, use: readonly number[]): Homography | null {
  if (use.length < 5) return null;
  const norm = (pts: Float64Array) => {
    let mx = 0;
    let my = 0;
    for (const i of use) {
      mx += pts[i * 2]!;
      my += pts[i * 2 + 1]!;
    }
    mx /= use.length;
    my /= use.length;
    let d = 0;
    for (const i of use) d += Math.hypot(pts[i * 2]! - mx, pts[i * 2 + 1]! - my);
    const s = d > 0 ? (Math.SQRT2 * use.length) / d : 1;
    return { mx, my, s };
  };
  const np = norm(p);
  const nq = norm(q);
  const A = new Float64Array(64);
  const B = new Float64Array(8);
  for (const i of use) {
    const x = (p[i * 2]! - np.mx) * np.s;
    const y = (p[i * 2 + 1]! - np.my) * np.s;
    const u = (q[i * 2]! - nq.mx) * nq.s;
    const v = (q[i * 2 + 1]! - nq.my) * nq.s;
    const rows = [
      [x, y, 1, 0, 0, 0, -u * x, -u * y, u],
      [0, 0, 0, x, y, 1, -v * x, -v * y, v],
    ];
    for (const r of rows)
      for (let j = 0; j < 8; j++) {
        B[j]! += r[j]! * r[8]!;
        for (let k = 0; k < 8; k++) A[j * 8 + k]! += r[j]! * r[k]!;
      }
  }
  const h = solve(A, B, 8);
  if (!h) return null;
  // Undo the normalisations: H = Tq^-1 * Hn * Tp.
  const Hn = [...h, 1];
  const Tp = [np.s, 0, -np.s * np.mx, 0, np.s, -np.s * np.my, 0, 0, 1];
  const TqInv = [1 / nq.s, 0, nq.mx, 0, 1 / nq.s, nq.my, 0, 0, 1];
  const H = mul3(TqInv, mul3(Hn, Tp));
  const k = H[8]!;
  if (Math.abs(k) < 1e-12) return null;
  return H.map((v) => v / k) as unknown as Homography;
}

export function affineToHomography(m: Affine): Homography {
  return [m[0], m[1], m[2], m[3], m[4], m[5], 0, 0, 1];
}

export function applyH(H: Homography, x: number, y: number): [number, number] {
  const w = H[6] * x + H[7] * y + H[8];
  return [(H[0] * x + H[1] * y + H[2]) / w, (H[3] * x + H[4] * y + H[5]) / w];
}

export function invertH(H: Homography): Homography | null {
  const inv = invert3(H);
  return inv ? (inv as unknown as Homography) : null;
}

/** m ∘ n: the homography that applies n, then m. */
export function composeH(m: Homography, n: Homography): Homography {
  return mul3(m, n) as unknown as Homography;
}

function mul3(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++) for (let k = 0; k < 3; k++) out[r * 3 + c]! += a[r * 3 + k]! * b[k * 3 + c]!;
  return out;
}

function invert3(m: readonly number[]): number[] | null {
  const [a, b, c, d, e, f, g, h, i] = m as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-12) return null;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

/** Gaussian elimination with partial pivoting on an n×n system (A row-major, overwritten). */
function solve(A: Float64Array, B: Float64Array, n: number): number[] | null {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]!) > Math.abs(A[p * n + c]!)) p = r;
    if (Math.abs(A[p * n + c]!) < 1e-12) return null;
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        const t = A[c * n + k]!;
        A[c * n + k] = A[p * n + k]!;
        A[p * n + k] = t;
      }
      const t = B[c]!;
      B[c] = B[p]!;
      B[p] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c]! / A[c * n + c]!;
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r * n + k]! -= f * A[c * n + k]!;
      B[r]! -= f * B[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = B[r]!;
    for (let k = r + 1; k < n; k++) s -= A[r * n + k]! * x[k]!;
    x[r] = s / A[r * n + r]!;
  }
  return x;
}

/** Area of a simple polygon (flat x,y), by the shoelace formula; positive when counter-clockwise. */
export function polygonArea(pts: readonly number[]): number {
  let s = 0;
  const n = pts.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    s += pts[i * 2]! * pts[j * 2 + 1]! - pts[j * 2]! * pts[i * 2 + 1]!;
  }
  return s / 2;
}
