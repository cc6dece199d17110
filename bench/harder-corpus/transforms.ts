// The edits of the harder corpus: what circulates when a photo is re-shared, cropped, recaptured and
// combined. Each transform takes a base image and a seeded random source and returns the encoded file
// and every random parameter it drew (recorded in the manifest, like the public corpus does).
import sharp from 'sharp';

import { fromRaw, homographyFrom, innerRect, toRaw, warp, xmlEscape, type Raw } from './raster';
import { r3, type Rng } from './rng';

export interface Encoded {
  readonly buf: Buffer;
  readonly ext: 'jpg' | 'png';
}

export interface Made extends Encoded {
  readonly params: Record<string, unknown>;
  /** Other bases whose picture is in this file too (collage tiles). */
  readonly related?: readonly { base_id: string; series_id: string | null }[];
}

export interface OtherBase {
  readonly base_id: string;
  readonly series_id: string | null;
  readonly img: Raw;
}

export interface TransformContext {
  /** Bases a collage may borrow tiles from (never this base). */
  readonly others: readonly OtherBase[];
}

type Transform = (img: Raw, rng: Rng, ctx: TransformContext) => Promise<Made>;

async function encode(p: sharp.Sharp, ext: 'jpg' | 'png', quality = 90): Promise<Encoded> {
  const buf =
    ext === 'jpg'
      ? await p.jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer()
      : await p.png({ compressionLevel: 6 }).toBuffer();
  return { buf, ext };
}

const svg = (w: number, h: number, body: string) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${body}</svg>`);

/** A crop rectangle keeping `area` of the image, its aspect near the image's, placed at random. */
function cropRect(img: Raw, area: number, rng: Rng) {
  const ratio = (img.width / img.height) * rng.uniform(0.75, 1.33);
  let width = Math.round(Math.sqrt(area * img.width * img.height * ratio));
  let height = Math.round((area * img.width * img.height) / width);
  width = Math.min(img.width, Math.max(16, width));
  height = Math.min(img.height, Math.max(16, height));
  const left = rng.int(0, img.width - width);
  const top = rng.int(0, img.height - height);
  return { left, top, width, height };
}

/** A fitted size: the image scaled to fit inside w x h (aspect kept). */
function fit(img: Raw, w: number, h: number) {
  const s = Math.min(w / img.width, h / img.height);
  return { width: Math.max(8, Math.round(img.width * s)), height: Math.max(8, Math.round(img.height * s)) };
}

export const TRANSFORMS: Record<string, Transform> = {
  /** Sheared by 4-11 degrees (sharp's affine), then either cropped to the inner rectangle or kept on a fill. */
  async shear(img, rng) {
    const deg = r3(rng.sign() * rng.uniform(4, 11));
    const axis = rng.pick(['x', 'y'] as const);
    const t = Math.tan((deg * Math.PI) / 180);
    const mode = rng.pick(['crop_inner', 'fill'] as const);
    const fill = rng.pick([0, 255]);
    const matrix: [number, number, number, number] = axis === 'x' ? [1, t, 0, 1] : [1, 0, t, 1];
    const bg = { r: fill, g: fill, b: fill };
    let sheared = await toRaw(fromRaw(img).affine(matrix, { background: bg, interpolator: 'bicubic' }));
    if (mode === 'crop_inner') {
      const cut = Math.ceil(Math.abs(t) * (axis === 'x' ? img.height : img.width)) + 2;
      const rect =
        axis === 'x'
          ? { left: cut, top: 0, width: sheared.width - 2 * cut, height: sheared.height }
          : { left: 0, top: cut, width: sheared.width, height: sheared.height - 2 * cut };
      sheared = await toRaw(fromRaw(sheared).extract(rect));
    }
    const quality = rng.int(82, 92);
    return {
      ...(await encode(fromRaw(sheared), 'jpg', quality)),
      params: { shear_deg: deg, axis, mode, fill, quality },
    };
  },

  /** A small perspective warp (a photo of a photo, a keystone): corners moved by 3-9 % inwards. */
  async perspective(img, rng) {
    const W = img.width;
    const H = img.height;
    const kind = rng.pick(['keystone', 'random'] as const);
    const m = () => rng.uniform(0.03, 0.09);
    let d: [number, number][];
    if (kind === 'keystone') {
      const k = m();
      const side = rng.int(0, 3);
      d = [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ];
      // Corners tl, tr, br, bl; the chosen side gets narrower.
      if (side === 0)
        d = [
          [k, 0],
          [-k, 0],
          [0, 0],
          [0, 0],
        ];
      else if (side === 1)
        d = [
          [0, 0],
          [0, k],
          [0, -k],
          [0, 0],
        ];
      else if (side === 2)
        d = [
          [0, 0],
          [0, 0],
          [-k, 0],
          [k, 0],
        ];
      else
        d = [
          [0, k],
          [0, 0],
          [0, 0],
          [0, -k],
        ];
    } else
      d = [
        [m(), m()],
        [-m(), m()],
        [-m(), -m()],
        [m(), -m()],
      ];
    const corners: [number, number][] = [
      [0, 0],
      [W, 0],
      [W, H],
      [0, H],
    ];
    const moved = corners.map(([x, y], i) => [x + d[i]![0] * W, y + d[i]![1] * H] as [number, number]);
    // The output shows the warped picture; H maps output pixels back to the source.
    const Hm = homographyFrom(moved, corners);
    let out = warp(img, W, H, Hm, 0);
    const left = Math.ceil(Math.max(moved[0]![0], moved[3]![0]));
    const right = Math.floor(Math.min(moved[1]![0], moved[2]![0]));
    const top = Math.ceil(Math.max(moved[0]![1], moved[1]![1]));
    const bottom = Math.floor(Math.min(moved[2]![1], moved[3]![1]));
    out = await toRaw(fromRaw(out).extract({ left, top, width: right - left, height: bottom - top }));
    const quality = rng.int(82, 92);
    return {
      ...(await encode(fromRaw(out), 'jpg', quality)),
      params: { kind, corner_shift: d.map(([x, y]) => [r3(x), r3(y)]), quality },
    };
  },

  /** A crop keeping 15-40 % of the area, saved at its own size. */
  async crop_small(img, rng) {
    const area = r3(rng.uniform(0.15, 0.4));
    const rect = cropRect(img, area, rng);
    const quality = rng.int(80, 92);
    return {
      ...(await encode(fromRaw(img).extract(rect), 'jpg', quality)),
      params: { area, rect, upscaled: false, quality },
    };
  },

  /** A crop keeping 15-40 % of the area, blown up to the original's size. */
  async crop_small_upscaled(img, rng) {
    const area = r3(rng.uniform(0.15, 0.4));
    const rect = cropRect(img, area, rng);
    const size = fit({ ...img, width: rect.width, height: rect.height }, img.width, img.height);
    const kernel = rng.pick(['lanczos3', 'cubic', 'mitchell'] as const);
    const quality = rng.int(80, 92);
    return {
      ...(await encode(
        fromRaw(img)
          .extract(rect)
          .resize({ ...size, fit: 'fill', kernel }),
        'jpg',
        quality,
      )),
      params: { area, rect, upscaled: true, size, kernel, quality },
    };
  },

  /** Crop (45-75 % of the area), turn by 3-12 degrees (crop to the inner rectangle), strong JPEG. */
  async crop_rotate_jpeg(img, rng) {
    const area = r3(rng.uniform(0.45, 0.75));
    const rect = cropRect(img, area, rng);
    const deg = r3(rng.sign() * rng.uniform(3, 12));
    const cropped = await toRaw(fromRaw(img).extract(rect));
    const turned = await toRaw(fromRaw(cropped).rotate(deg, { background: '#000000' }));
    const inner = innerRect(cropped.width, cropped.height, deg);
    const cut = {
      left: Math.floor((turned.width - inner.width) / 2) + 1,
      top: Math.floor((turned.height - inner.height) / 2) + 1,
      width: inner.width - 2,
      height: inner.height - 2,
    };
    const quality = rng.int(35, 70);
    return {
      ...(await encode(fromRaw(turned).extract(cut), 'jpg', quality)),
      params: { area, rect, angle_deg: deg, quality },
    };
  },

  /** Letterboxed on a blurred, darkened, enlarged copy of itself (portrait or square post). */
  async letterbox_blur(img, rng) {
    const [W, H] = rng.pick([
      [720, 1280],
      [900, 900],
      [1080, 1350],
      [1280, 720],
    ] as const);
    const sigma = r3(rng.uniform(12, 35));
    const darken = r3(rng.uniform(0.55, 0.9));
    const margin = r3(rng.uniform(0, 0.05));
    const bg = fromRaw(img).resize({ width: W, height: H, fit: 'cover' }).blur(sigma).linear(darken, 0);
    const size = fit(img, Math.round(W * (1 - 2 * margin)), Math.round(H * (1 - 2 * margin)));
    const fg = await fromRaw(img)
      .resize({ ...size, fit: 'fill' })
      .png()
      .toBuffer();
    const left = Math.round((W - size.width) / 2);
    const top = Math.round((H - size.height) / 2);
    const composed = await toRaw(bg.composite([{ input: fg, left, top }]));
    const quality = rng.int(80, 92);
    return {
      ...(await encode(fromRaw(composed), 'jpg', quality)),
      params: {
        canvas: [W, H],
        sigma,
        darken,
        image_rect: { x: left, y: top, w: size.width, h: size.height },
        quality,
      },
    };
  },

  /** A phone screenshot: status bar, app bar, the photo, actions and caption, navigation bar. */
  async phone_screenshot(img, rng) {
    const [W, H] = rng.pick([
      [720, 1560],
      [750, 1334],
      [828, 1792],
      [720, 1280],
    ] as const);
    const dark = rng.bool();
    const bgc = dark ? '#000000' : '#ffffff';
    const fgc = dark ? '#f2f2f2' : '#111111';
    const status = Math.round(H * 0.035);
    const appBar = Math.round(H * 0.06);
    const nav = Math.round(H * 0.05);
    const photoTop = status + appBar + rng.int(0, 40);
    const size = fit(img, W, Math.round(H * 0.6));
    const left = Math.round((W - size.width) / 2);
    const time = `${rng.int(7, 23)}:${String(rng.int(0, 59)).padStart(2, '0')}`;
    const user = rng.pick(['holiday_pics', 'daily.views', 'nature_snaps', 'wanderer', 'mika']);
    const caption = rng.pick([
      'What a view this morning',
      'Best weekend in a long time',
      'Look at this!! #nofilter',
      'Found this old picture today',
    ]);
    const below = photoTop + size.height;
    const chrome = svg(
      W,
      H,
      `<rect width="${W}" height="${H}" fill="${bgc}"/>
<text x="24" y="${status * 0.72}" font-family="DejaVu Sans" font-size="${status * 0.55}" fill="${fgc}">${time}</text>
<rect x="${W - 70}" y="${status * 0.3}" width="40" height="${status * 0.4}" rx="4" fill="none" stroke="${fgc}" stroke-width="2"/>
<rect x="${W - 67}" y="${status * 0.3 + 3}" width="${rng.int(10, 34)}" height="${status * 0.4 - 6}" fill="${fgc}"/>
<circle cx="${W - 100}" cy="${status / 2}" r="${status * 0.18}" fill="${fgc}"/>
<rect y="${status}" width="${W}" height="${appBar}" fill="${dark ? '#121212' : '#f7f7f7'}"/>
<path d="M 30 ${status + appBar / 2} l 18 -14 M 30 ${status + appBar / 2} l 18 14" stroke="${fgc}" stroke-width="4"/>
<circle cx="100" cy="${status + appBar / 2}" r="${appBar * 0.3}" fill="#c58b5a"/>
<text x="${100 + appBar * 0.45}" y="${status + appBar * 0.62}" font-family="DejaVu Sans" font-weight="bold" font-size="${appBar * 0.32}" fill="${fgc}">${xmlEscape(user)}</text>
<circle cx="40" cy="${below + 40}" r="14" fill="none" stroke="${fgc}" stroke-width="3"/>
<circle cx="90" cy="${below + 40}" r="14" fill="none" stroke="${fgc}" stroke-width="3"/>
<path d="M 125 ${below + 28} l 28 12 l -28 12 z" fill="none" stroke="${fgc}" stroke-width="3"/>
<text x="24" y="${below + 95}" font-family="DejaVu Sans" font-size="26" fill="${fgc}"><tspan font-weight="bold">${xmlEscape(user)}</tspan> ${xmlEscape(caption)}</text>
<text x="24" y="${below + 135}" font-family="DejaVu Sans" font-size="22" fill="#888888">${rng.int(2, 59)} minutes ago</text>
<rect y="${H - nav}" width="${W}" height="${nav}" fill="${dark ? '#0b0b0b' : '#f1f1f1'}"/>
<rect x="${W / 2 - 70}" y="${H - nav / 2 - 4}" width="140" height="8" rx="4" fill="${fgc}"/>`,
    );
    const photo = await fromRaw(img)
      .resize({ ...size, fit: 'fill' })
      .png()
      .toBuffer();
    const composed = await toRaw(sharp(chrome).composite([{ input: photo, left, top: photoTop }]));
    const ext = rng.bool(0.4) ? 'png' : 'jpg';
    const quality = rng.int(85, 95);
    return {
      ...(await encode(fromRaw(composed), ext, quality)),
      params: {
        canvas: [W, H],
        dark,
        image_rect: { x: left, y: photoTop, w: size.width, h: size.height },
        format: ext,
      },
    };
  },

  /** A collage of 2-6 tiles with gutters; each tile filled ("cover"). This base is one of the tiles. */
  async collage(img, rng, ctx) {
    const n = rng.int(2, 6);
    const layouts: Record<number, [number, number][]> = {
      2: [
        [1, 2],
        [2, 1],
      ],
      3: [
        [1, 3],
        [3, 1],
      ],
      4: [[2, 2]],
      5: [[2, 3]],
      6: [
        [2, 3],
        [3, 2],
      ],
    };
    const [rows, cols] = rng.pick(layouts[n]!);
    const W = rng.pick([1200, 1080, 1400]);
    const H = Math.round(W * rng.pick([1, 0.75, 1.25]));
    const gutter = rng.int(4, 16);
    const gutterColor = rng.pick(['#ffffff', '#000000', '#f3e9d2', '#202020']);
    // Tiles: this base, then other bases (a real collage of unrelated photos, at most two) or
    // plain graphic tiles (stickers, text cards), which belong to no base.
    const others = rng.bool(0.25) ? rng.shuffle([...ctx.others]).slice(0, Math.min(2, n - 1)) : [];
    const cells = rows * cols;
    const where = rng.int(0, Math.min(n, cells) - 1);
    const tiles: Buffer[] = [];
    const rects: { x: number; y: number; w: number; h: number; source: string }[] = [];
    const tw = Math.floor((W - gutter * (cols + 1)) / cols);
    const th = Math.floor((H - gutter * (rows + 1)) / rows);
    let other = 0;
    for (let k = 0; k < Math.min(n, cells); k++) {
      const x = gutter + (k % cols) * (tw + gutter);
      const y = gutter + Math.floor(k / cols) * (th + gutter);
      let tile: Buffer;
      let source: string;
      if (k === where) {
        tile = await fromRaw(img).resize({ width: tw, height: th, fit: 'cover' }).png().toBuffer();
        source = 'self';
      } else if (other < others.length) {
        const o = others[other++]!;
        tile = await fromRaw(o.img).resize({ width: tw, height: th, fit: 'cover' }).png().toBuffer();
        source = o.base_id;
      } else {
        const hue = rng.int(0, 359);
        tile = await sharp(
          svg(
            tw,
            th,
            `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,70%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},60%,40%)"/></linearGradient></defs>
<rect width="${tw}" height="${th}" fill="url(#g)"/><text x="${tw / 2}" y="${th / 2}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${Math.round(Math.min(tw, th) / 7)}" fill="#ffffff">${rng.pick(['Memories', 'Summer', '2019', 'Friends', 'Love it'])}</text>`,
          ),
        )
          .png()
          .toBuffer();
        source = 'graphic';
      }
      tiles.push(tile);
      rects.push({ x, y, w: tw, h: th, source });
    }
    const canvas = sharp({ create: { width: W, height: H, channels: 3, background: gutterColor } });
    const composed = await toRaw(
      canvas.composite(tiles.map((input, k) => ({ input, left: rects[k]!.x, top: rects[k]!.y }))),
    );
    const quality = rng.int(82, 92);
    return {
      ...(await encode(fromRaw(composed), 'jpg', quality)),
      params: {
        canvas: [W, H],
        grid: [rows, cols],
        gutter,
        gutter_color: gutterColor,
        tiles: rects,
        quality,
      },
      related: others.map((o) => ({ base_id: o.base_id, series_id: o.series_id })),
    };
  },

  /** A meme: caption bars above (and maybe below), or outlined text over the picture. */
  async meme_caption(img, rng) {
    const style = rng.pick(['bar', 'bar', 'overlay'] as const);
    const top = rng.pick(['WHEN YOU SEE IT', 'ME ON MONDAY', 'NOBODY:', 'THIS IS FINE', 'WAIT FOR IT']);
    const bottom = rng.bool(0.5)
      ? rng.pick(['EVERY SINGLE TIME', 'NOT AGAIN', 'SO TRUE', 'TAG A FRIEND'])
      : '';
    const W = img.width;
    const font = Math.round(W * rng.uniform(0.05, 0.08));
    let composed: Raw;
    if (style === 'bar') {
      const bar = Math.round(img.height * rng.uniform(0.12, 0.25));
      const barBottom = bottom ? Math.round(bar * 0.8) : 0;
      const color = rng.pick(['#ffffff', '#000000']);
      const textColor = color === '#ffffff' ? '#000000' : '#ffffff';
      const H = img.height + bar + barBottom;
      const text = svg(
        W,
        H,
        `<text x="${W / 2}" y="${bar / 2 + font * 0.35}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${font}" fill="${textColor}">${xmlEscape(top)}</text>` +
          (bottom
            ? `<text x="${W / 2}" y="${H - barBottom / 2 + font * 0.35}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${font}" fill="${textColor}">${xmlEscape(bottom)}</text>`
            : ''),
      );
      const photo = await fromRaw(img).png().toBuffer();
      composed = await toRaw(
        sharp({ create: { width: W, height: H, channels: 3, background: color } }).composite([
          { input: photo, left: 0, top: bar },
          { input: text, left: 0, top: 0 },
        ]),
      );
    } else {
      const outline = `stroke="#000000" stroke-width="${Math.max(2, Math.round(font / 12))}"`;
      const text = svg(
        W,
        img.height,
        `<text x="${W / 2}" y="${font * 1.2}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${font}" fill="#ffffff" ${outline}>${xmlEscape(top)}</text>` +
          (bottom
            ? `<text x="${W / 2}" y="${img.height - font * 0.5}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${font}" fill="#ffffff" ${outline}>${xmlEscape(bottom)}</text>`
            : ''),
      );
      composed = await toRaw(fromRaw(img).composite([{ input: text, left: 0, top: 0 }]));
    }
    const quality = rng.int(75, 90);
    return {
      ...(await encode(fromRaw(composed), 'jpg', quality)),
      params: { style, top, bottom, font_px: font, quality },
    };
  },

  /** Mirrored, watermarked (text across or a corner mark), often smaller, re-encoded. */
  async mirror_watermark(img, rng) {
    const scale = r3(rng.uniform(0.5, 1));
    const size = { width: Math.round(img.width * scale), height: Math.round(img.height * scale) };
    const W = size.width;
    const H = size.height;
    const kind = rng.pick(['diagonal', 'corner', 'tiled'] as const);
    const text = rng.pick(['@sharedpics', 'SAMPLE', 'www.example.org', 'Photo Club']);
    const opacity = r3(rng.uniform(0.3, 0.6));
    const font = Math.round(W * (kind === 'diagonal' ? 0.09 : 0.045));
    let body: string;
    if (kind === 'diagonal')
      body = `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" transform="rotate(-30 ${W / 2} ${H / 2})" font-family="DejaVu Sans" font-weight="bold" font-size="${font}" fill="#ffffff" fill-opacity="${opacity}">${xmlEscape(text)}</text>`;
    else if (kind === 'corner')
      body = `<text x="${W - 12}" y="${H - 14}" text-anchor="end" font-family="DejaVu Sans" font-weight="bold" font-size="${font}" fill="#ffffff" fill-opacity="${opacity + 0.3}">${xmlEscape(text)}</text>`;
    else {
      body = '';
      for (let y = font * 2; y < H; y += font * 5)
        for (let x = (y / font) % 2 ? 0 : font * 3; x < W; x += font * 9)
          body += `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${font}" fill="#ffffff" fill-opacity="${opacity}">${xmlEscape(text)}</text>`;
    }
    const mirrored = await toRaw(
      fromRaw(img)
        .flop()
        .resize({ ...size, fit: 'fill' }),
    );
    const quality = rng.int(78, 92);
    return {
      ...(await encode(
        fromRaw(mirrored).composite([{ input: svg(W, H, body), left: 0, top: 0 }]),
        'jpg',
        quality,
      )),
      params: { scale, kind, text, opacity, quality },
    };
  },
};

/**
 * Lookalike distractors: pictures that share a base's palette and scene, but not its pixels.
 * - `other_part`: the far side of the same source photo (the base itself is the near side, so nothing
 *   is shared); the way different shots of one wallpaper look alike.
 * - `palette`: the base's colours in a different layout (its cells shuffled, smoothed, textured).
 */
export async function otherPart(source: Raw, split: 'x' | 'y', size: { width: number; height: number }) {
  const rect =
    split === 'x'
      ? {
          left: Math.round(source.width * 0.64),
          top: 0,
          width: source.width - Math.round(source.width * 0.64),
          height: source.height,
        }
      : {
          left: 0,
          top: Math.round(source.height * 0.64),
          width: source.width,
          height: source.height - Math.round(source.height * 0.64),
        };
  const out = fromRaw(source)
    .extract(rect)
    .resize({ ...fit({ ...source, ...rect }, size.width, size.height), fit: 'fill' });
  return { ...(await encode(out, 'jpg', 90)), params: { rect } };
}

export async function paletteLookalike(img: Raw, rng: Rng) {
  const cols = 6;
  const rows = 4;
  const small = await toRaw(fromRaw(img).resize({ width: cols, height: rows, fit: 'fill', kernel: 'cubic' }));
  const order = rng.shuffle([...Array(cols * rows).keys()]);
  const data = Buffer.alloc(small.data.length);
  order.forEach((from, to) => small.data.copy(data, to * 3, from * 3, from * 3 + 3));
  const base = await toRaw(
    fromRaw({ data, width: cols, height: rows }).resize({
      width: img.width,
      height: img.height,
      fit: 'fill',
      kernel: 'cubic',
    }),
  );
  // Texture: a few soft shapes and fine noise, so the picture has corners and edges of its own.
  let shapes = '';
  for (let k = 0; k < 14; k++) {
    const c = rng.int(0, cols * rows - 1) * 3;
    const fill = `rgb(${small.data[c]},${small.data[c + 1]},${small.data[c + 2]})`;
    const x = rng.int(0, img.width);
    const y = rng.int(0, img.height);
    const r = rng.int(Math.round(img.width * 0.02), Math.round(img.width * 0.12));
    shapes += rng.bool()
      ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}" fill-opacity="0.8"/>`
      : `<rect x="${x}" y="${y}" width="${r * 2}" height="${r}" fill="${fill}" fill-opacity="0.8" transform="rotate(${rng.int(0, 90)} ${x} ${y})"/>`;
  }
  const noise = Buffer.alloc(img.width * img.height * 3);
  for (let i = 0; i < noise.length; i++)
    noise[i] = Math.max(0, Math.min(255, base.data[i]! + Math.round((rng.next() - 0.5) * 24)));
  const out = fromRaw({ data: noise, width: img.width, height: img.height }).composite([
    { input: svg(img.width, img.height, shapes), left: 0, top: 0 },
  ]);
  return { ...(await encode(out, 'jpg', 90)), params: { cells: [cols, rows], order, shapes: 14 } };
}
