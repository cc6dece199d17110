// Raw RGB images and the few pixel operations sharp does not offer (a perspective warp), for the
// harder-corpus generator. Everything else goes through sharp.
import sharp from 'sharp';

export interface Raw {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

sharp.cache(false);
sharp.concurrency(1);

export function fromRaw(img: Raw): sharp.Sharp {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
}

export async function toRaw(pipeline: sharp.Sharp): Promise<Raw> {
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected RGB, got ${info.channels} channels`);
  return { data, width: info.width, height: info.height };
}

export async function loadRaw(file: string): Promise<Raw> {
  return toRaw(sharp(file).rotate().flatten({ background: '#ffffff' }).toColourspace('srgb'));
}

/** 3x3 homography (row-major) taking the unit points `from` to `to` (4 point pairs, DLT solve). */
export function homographyFrom(from: readonly [number, number][], to: readonly [number, number][]): number[] {
  // Solve the 8x8 system A h = b for h (h33 = 1), Gaussian elimination with pivoting.
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  const h = A.map((row, i) => row[8]! / row[i]!);
  return [...h, 1];
}

/** Output pixel (x, y) samples the source at H(x, y) (H maps output to source), bilinear, `fill` outside. */
export function warp(src: Raw, width: number, height: number, H: readonly number[], fill: number): Raw {
  const out = Buffer.alloc(width * height * 3, fill);
  const { data, width: W, height: Hh } = src;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const w = H[6]! * px + H[7]! * py + H[8]!;
      const sx = (H[0]! * px + H[1]! * py + H[2]!) / w - 0.5;
      const sy = (H[3]! * px + H[4]! * py + H[5]!) / w - 0.5;
      if (sx < 0 || sy < 0 || sx > W - 1 || sy > Hh - 1) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(W - 1, x0 + 1);
      const y1 = Math.min(Hh - 1, y0 + 1);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const a = data[(y0 * W + x0) * 3 + c]!;
        const b = data[(y0 * W + x1) * 3 + c]!;
        const d = data[(y1 * W + x0) * 3 + c]!;
        const e = data[(y1 * W + x1) * 3 + c]!;
        out[(y * width + x) * 3 + c] = Math.round(
          (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * d + fx * e),
        );
      }
    }
  return { data: out, width, height };
}

/** Largest axis-aligned rectangle inside an image of w x h turned by `deg` (the editors' "crop to fit"). */
export function innerRect(w: number, h: number, deg: number): { width: number; height: number } {
  const a = Math.abs((deg * Math.PI) / 180);
  const s = Math.sin(a);
  const c = Math.cos(a);
  const long = Math.max(w, h);
  const short = Math.min(w, h);
  let wr: number;
  let hr: number;
  if (short <= 2 * s * c * long || Math.abs(s - c) < 1e-10) {
    const x = 0.5 * short;
    [wr, hr] = w >= h ? [x / s, x / c] : [x / c, x / s];
  } else {
    const cos2 = c * c - s * s;
    wr = (w * c - h * s) / cos2;
    hr = (h * c - w * s) / cos2;
  }
  return { width: Math.floor(wr), height: Math.floor(hr) };
}

export const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
