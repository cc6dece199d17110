/**
 * Reads an image's format and declared size from its first bytes, without decoding: the worker and
 * the CLI refuse decompression bombs (more than MAX_IMAGE_PIXELS declared) and classify formats
 * this pipeline does not hash (HEIC, SVG) before any decoder allocates pixels.
 * The format comes from magic bytes, never from the file name.
 */
export const ImageFormat = {
  jpeg: 'jpeg',
  png: 'png',
  gif: 'gif',
  webp: 'webp',
  bmp: 'bmp',
  tiff: 'tiff',
  avif: 'avif',
  heic: 'heic',
  svg: 'svg',
  unknown: 'unknown',
} as const;
export type ImageFormat = (typeof ImageFormat)[keyof typeof ImageFormat];

export interface ImageHeader {
  readonly format: ImageFormat;
  /** Declared size, when the header holds it and it could be read (0 otherwise). */
  readonly width: number;
  readonly height: number;
}

export const MIME_TYPES: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
  avif: 'image/avif',
  heic: 'image/heic',
  svg: 'image/svg+xml',
  unknown: 'application/octet-stream',
};

/** How many leading bytes readImageHeader needs at most (HEIF keeps `ispe` in its meta box, near the start). */
export const IMAGE_HEADER_BYTES = 256 * 1024;

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32be = (b: Uint8Array, i: number) => ((u16be(b, i) << 16) >>> 0) + u16be(b, i + 2);
const u32le = (b: Uint8Array, i: number) => ((u16le(b, i + 2) << 16) >>> 0) + u16le(b, i);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function header(format: ImageFormat, width = 0, height = 0): ImageHeader {
  return { format, width: Math.max(0, width), height: Math.max(0, height) };
}

function jpegSize(b: Uint8Array): ImageHeader {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return header('jpeg');
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    // Start-of-frame markers C0-CF, except DHT (C4), JPG (C8) and DAC (CC), carry the size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return header('jpeg', u16be(b, i + 7), u16be(b, i + 5));
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return header('jpeg'); // scan data before any frame header
    i += 2 + u16be(b, i + 2);
  }
  return header('jpeg');
}

function tiffSize(b: Uint8Array): ImageHeader {
  const le = b[0] === 0x49;
  const u16 = le ? u16le : u16be;
  const u32 = le ? u32le : u32be;
  const ifd = u32(b, 4);
  const count = u16(b, ifd);
  let width = 0;
  let height = 0;
  for (let e = 0; e < count && ifd + 2 + e * 12 + 12 <= b.length; e++) {
    const at = ifd + 2 + e * 12;
    const tag = u16(b, at);
    const type = u16(b, at + 2);
    const value = type === 3 ? u16(b, at + 8) : u32(b, at + 8);
    if (tag === 256) width = value;
    if (tag === 257) height = value;
  }
  return header('tiff', width, height);
}

/** HEIF family (HEIC, AVIF): brand from `ftyp`; size = the largest `ispe` (image spatial extent) box. */
function heifSize(b: Uint8Array): ImageHeader {
  const ftypSize = u32be(b, 0);
  const brands: string[] = [ascii(b, 8, 4)];
  for (let i = 16; i + 4 <= Math.min(ftypSize, b.length); i += 4) brands.push(ascii(b, i, 4));
  const format = brands.some((x) => x === 'avif' || x === 'avis') ? 'avif' : 'heic';
  let width = 0;
  let height = 0;
  for (let i = 0; i + 16 <= b.length; i++) {
    if (b[i] === 0x69 && b[i + 1] === 0x73 && b[i + 2] === 0x70 && b[i + 3] === 0x65) {
      const w = u32be(b, i + 8);
      const h = u32be(b, i + 12);
      if (w * h > width * height) {
        width = w;
        height = h;
      }
    }
  }
  return header(format, width, height);
}

function looksLikeSvg(b: Uint8Array): boolean {
  // Latin-1 view of the start is enough to spot the markup (no TextDecoder in the pure domain).
  let text = '';
  for (let i = 0; i < Math.min(b.length, 4096); i++) text += String.fromCharCode(b[i]!);
  text = text.replace(/^\xEF\xBB\xBF/, '').trimStart();
  const start = text.slice(0, 5);
  return (
    (start === '<?xml' || start.startsWith('<svg') || start === '<!--' || start === '<!DOC') &&
    text.includes('<svg')
  );
}

export function readImageHeader(b: Uint8Array): ImageHeader {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpegSize(b);
  if (b.length >= 8 && u32be(b, 0) === 0x89504e47 && u32be(b, 4) === 0x0d0a1a0a)
    return ascii(b, 12, 4) === 'IHDR' ? header('png', u32be(b, 16), u32be(b, 20)) : header('png');
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a'))
    return header('gif', u16le(b, 6), u16le(b, 8));
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    const chunk = ascii(b, 12, 4);
    if (chunk === 'VP8 ') return header('webp', u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
    if (chunk === 'VP8L') {
      const bits = u32le(b, 21);
      return header('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
    }
    if (chunk === 'VP8X') return header('webp', (u32le(b, 24) & 0xffffff) + 1, (u32le(b, 27) & 0xffffff) + 1);
    return header('webp');
  }
  if (b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d) {
    const h = u32le(b, 22) | 0;
    return header('bmp', u32le(b, 18) | 0, Math.abs(h));
  }
  if (
    b.length >= 8 &&
    ((b[0] === 0x49 && b[1] === 0x49 && u16le(b, 2) === 42) ||
      (b[0] === 0x4d && b[1] === 0x4d && u16be(b, 2) === 42))
  )
    return tiffSize(b);
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis'].includes(brand))
      return heifSize(b);
  }
  if (looksLikeSvg(b)) return header('svg');
  return header('unknown');
}
