// Synthetic, benign test images for bench/ingest.bench.ts, generated reproducibly: image i depends on
// i alone (a PRNG seeded from i), so a run of 2,000 uses the first 2,000 files of a run of 20,000 and
// a folder written once is reused. 640×480 JPEG: a two-colour gradient at a random angle, 6–14 flat
// shapes (rectangles, ellipses, triangles: corners and edges for the keypoint detector) and mild
// noise, so every image has its own PDQ hash and its own keypoints. One image in 50 is a near copy of
// the one before it (a 4 % crop scaled back, brighter, another JPEG quality): those pairs must join
// a series, so grouping does real work, as in a seized collection with re-shared pictures.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import sharp from 'sharp';

import { mulberry32 } from '../src/domain/random/mulberry32';

export const WIDTH = 640;
export const HEIGHT = 480;
/** Bump when the pictures change, so an old folder is not taken for the new images. */
const GENERATOR_VERSION = 1;
export const NEAR_COPY_EVERY = 50;

/**
 * BENCH_INGEST_EXIF=1: every picture carries a camera's EXIF (make, model, serial number, capture
 * time), as a camera roll does: sessions of 100 shots 30 s apart, a day between sessions. The app
 * then also recomputes its same-shoot suggestions as batches arrive. In a folder of its own.
 */
export const WITH_CAMERA = process.env.BENCH_INGEST_EXIF === '1';

export const imagesDir = (): string =>
  process.env.BENCH_INGEST_DIR ??
  join(tmpdir(), `waymark-bench-ingest-v${GENERATOR_VERSION}${WITH_CAMERA ? '-exif' : ''}`);

const SHOTS_PER_SESSION = 100;

/** Image i's camera EXIF (sharp's withExif: IFD0 and the Exif IFD). */
function cameraExif(i: number) {
  const session = Math.floor(i / SHOTS_PER_SESSION);
  const at = new Date(Date.UTC(2016, 0, 1, 9) + session * 86_400_000 + (i % SHOTS_PER_SESSION) * 30_000);
  const exifDate = at.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, ':');
  return {
    IFD0: { Make: 'Example Optics', Model: 'EO-5' },
    IFD2: { DateTimeOriginal: exifDate, BodySerialNumber: 'SYN7781280' },
  };
}

export const imageName = (i: number): string => `synthetic-${String(i).padStart(6, '0')}.jpg`;

function render(seed: number): Uint8Array {
  const rnd = mulberry32(Math.imul(seed + 1, 0x9e3779b1));
  const px = new Uint8Array(WIDTH * HEIGHT * 3);
  const colour = () => [rnd() * 255, rnd() * 255, rnd() * 255] as const;
  const [c0, c1] = [colour(), colour()];
  const angle = rnd() * Math.PI * 2;
  const dx = Math.cos(angle) / WIDTH;
  const dy = Math.sin(angle) / HEIGHT;
  for (let y = 0; y < HEIGHT; y++)
    for (let x = 0; x < WIDTH; x++) {
      const t = Math.min(1, Math.max(0, 0.5 + (x - WIDTH / 2) * dx + (y - HEIGHT / 2) * dy));
      const o = (y * WIDTH + x) * 3;
      for (let c = 0; c < 3; c++) px[o + c] = c0[c]! + (c1[c]! - c0[c]!) * t;
    }
  const shapes = 6 + Math.floor(rnd() * 9);
  for (let s = 0; s < shapes; s++) {
    const kind = Math.floor(rnd() * 3);
    const fill = colour();
    const cx = rnd() * WIDTH;
    const cy = rnd() * HEIGHT;
    const rx = 20 + rnd() * 140;
    const ry = 20 + rnd() * 110;
    // A triangle: three corners around the centre; inside when on the same side of all three edges.
    const tri = [0, 1, 2].map((k) => {
      const a = rnd() * Math.PI * 2 + (k * Math.PI * 2) / 3;
      return [cx + Math.cos(a) * rx, cy + Math.sin(a) * ry] as const;
    });
    const edge = (p: readonly [number, number], q: readonly [number, number], x: number, y: number) =>
      (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
    const inside = (x: number, y: number) => {
      if (kind === 0) return true;
      if (kind === 1) return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
      const [a, b, c] = tri as [(typeof tri)[0], (typeof tri)[0], (typeof tri)[0]];
      const e1 = edge(a, b, x, y);
      const e2 = edge(b, c, x, y);
      const e3 = edge(c, a, x, y);
      return (e1 >= 0 && e2 >= 0 && e3 >= 0) || (e1 <= 0 && e2 <= 0 && e3 <= 0);
    };
    const x0 = Math.max(0, Math.floor(cx - rx));
    const x1 = Math.min(WIDTH - 1, Math.ceil(cx + rx));
    const y0 = Math.max(0, Math.floor(cy - ry));
    const y1 = Math.min(HEIGHT - 1, Math.ceil(cy + ry));
    for (let y = y0; y <= y1; y++)
      for (let x = x0; x <= x1; x++) {
        if (!inside(x, y)) continue;
        const o = (y * WIDTH + x) * 3;
        for (let c = 0; c < 3; c++) px[o + c] = fill[c]!;
      }
  }
  for (let o = 0; o < px.length; o++) px[o] = Math.min(255, Math.max(0, px[o]! + (rnd() - 0.5) * 16));
  return px;
}

/** The JPEG bytes of image i. */
export async function syntheticImage(i: number): Promise<Buffer> {
  const raw = { raw: { width: WIDTH, height: HEIGHT, channels: 3 as const } };
  const camera = (s: sharp.Sharp) => (WITH_CAMERA ? s.withExif(cameraExif(i)) : s);
  if (i % NEAR_COPY_EVERY !== NEAR_COPY_EVERY - 1 || i === 0)
    return camera(sharp(render(i), raw).jpeg({ quality: 85 })).toBuffer();
  // A near copy of image i - 1: cropped by 4 % on each side, scaled back, brighter, quality 70.
  const mx = Math.round(WIDTH * 0.04);
  const my = Math.round(HEIGHT * 0.04);
  return camera(
    sharp(render(i - 1), raw)
      .extract({ left: mx, top: my, width: WIDTH - 2 * mx, height: HEIGHT - 2 * my })
      .resize(WIDTH, HEIGHT)
      .modulate({ brightness: 1.08 })
      .jpeg({ quality: 70 }),
  ).toBuffer();
}

/** Writes images 0..count-1 into the folder (those already there are kept) and returns their paths. */
export async function ensureImages(count: number, dir = imagesDir()): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const paths = Array.from({ length: count }, (_, i) => join(dir, imageName(i)));
  const missing = paths.flatMap((p, i) => (existsSync(p) ? [] : [i]));
  const started = performance.now();
  // A few in flight: sharp encodes on its own threads while the next picture is drawn here.
  for (let k = 0; k < missing.length; k += 4)
    await Promise.all(
      missing.slice(k, k + 4).map(async (i) => writeFileSync(paths[i]!, await syntheticImage(i))),
    );
  if (missing.length > 0)
    console.log(
      `generated ${missing.length} synthetic images in ${dir} in ${((performance.now() - started) / 1000).toFixed(0)} s (setup, not measured)`,
    );
  return paths;
}
