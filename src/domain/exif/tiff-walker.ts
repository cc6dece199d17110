/**
 * A minimal, bounds-checked TIFF/EXIF reader for what exifr leaves out: the MakerNote's location
 * (maker-note serial numbers). Never throws on bad input: every read is checked, IFD loops are cut
 * (a visited set), and anything malformed yields undefined.
 */
export interface TiffView {
  readonly bytes: Uint8Array;
  /** Offset of the TIFF header ("II*\0" / "MM\0*") in `bytes`; IFD offsets are relative to it. */
  readonly base: number;
  readonly little: boolean;
}

export interface IfdEntry {
  readonly tag: number;
  readonly type: number;
  readonly count: number;
  /** Absolute offset of the value in `bytes` (inline or pointed to). */
  readonly valueAt: number;
}

const TYPE_SIZES: Readonly<Record<number, number>> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
};

export function u16(v: TiffView, at: number): number | undefined {
  if (at < 0 || at + 2 > v.bytes.length) return undefined;
  const a = v.bytes[at]!;
  const b = v.bytes[at + 1]!;
  return v.little ? a | (b << 8) : (a << 8) | b;
}

export function u32(v: TiffView, at: number): number | undefined {
  const lo = u16(v, v.little ? at : at + 2);
  const hi = u16(v, v.little ? at + 2 : at);
  return lo === undefined || hi === undefined ? undefined : hi * 65536 + lo;
}

/** Reads a TIFF header at `base`, or undefined when there is none. */
export function tiffAt(bytes: Uint8Array, base: number): TiffView | undefined {
  if (base < 0 || base + 8 > bytes.length) return undefined;
  const order = String.fromCharCode(bytes[base]!, bytes[base + 1]!);
  if (order !== 'II' && order !== 'MM') return undefined;
  const view = { bytes, base, little: order === 'II' };
  return u16(view, base + 2) === 42 ? view : undefined;
}

/** The EXIF TIFF block of a JPEG (APP1 "Exif\0\0"), scanning markers up to the image data. */
export function findJpegTiff(bytes: Uint8Array): TiffView | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2) return undefined;
    if (marker === 0xe1 && String.fromCharCode(...bytes.subarray(at + 4, at + 10)) === 'Exif\0\0')
      return tiffAt(bytes, at + 10);
    at += 2 + length;
  }
  return undefined;
}

/** The entries of the IFD at `offset` (relative to the view's base); empty when unreadable. */
export function readIfd(v: TiffView, offset: number, absolute = false): IfdEntry[] {
  const start = absolute ? offset : v.base + offset;
  const count = u16(v, start);
  if (count === undefined || count > 1000) return [];
  const entries: IfdEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = start + 2 + i * 12;
    const tag = u16(v, at);
    const type = u16(v, at + 2);
    const n = u32(v, at + 4);
    if (tag === undefined || type === undefined || n === undefined) break;
    const size = (TYPE_SIZES[type] ?? 1) * n;
    const pointer = u32(v, at + 8);
    if (pointer === undefined) break;
    entries.push({ tag, type, count: n, valueAt: size <= 4 ? at + 8 : v.base + pointer });
  }
  return entries;
}

/** ASCII or UNDEFINED bytes as text: leading NULs are padding, the next NUL ends it, spaces are trimmed. */
export function readText(v: TiffView, entry: IfdEntry): string | undefined {
  if (entry.valueAt < 0 || entry.valueAt + entry.count > v.bytes.length) return undefined;
  let raw = v.bytes.subarray(entry.valueAt, entry.valueAt + entry.count);
  const first = raw.findIndex((b) => b !== 0);
  raw = first < 0 ? raw.subarray(0, 0) : raw.subarray(first);
  const end = raw.indexOf(0);
  const text = String.fromCharCode(...(end >= 0 ? raw.subarray(0, end) : raw)).trim();
  return text.length > 0 ? text : undefined;
}

export const Tag = { exifIfd: 0x8769, makerNote: 0x927c, make: 0x010f } as const;

/** The MakerNote entry (ExifIFD 0x927c) and the camera make (IFD0), when present. */
export function findMakerNote(v: TiffView): { entry: IfdEntry; make?: string } | undefined {
  const ifd0Offset = u32(v, v.base + 4);
  if (ifd0Offset === undefined) return undefined;
  const ifd0 = readIfd(v, ifd0Offset);
  const makeEntry = ifd0.find((e) => e.tag === Tag.make);
  const make = makeEntry ? readText(v, makeEntry) : undefined;
  const exifPointer = ifd0.find((e) => e.tag === Tag.exifIfd);
  const exifOffset = exifPointer ? u32(v, exifPointer.valueAt) : undefined;
  if (exifOffset === undefined) return undefined;
  const entry = readIfd(v, exifOffset).find((e) => e.tag === Tag.makerNote);
  if (!entry || entry.valueAt + entry.count > v.bytes.length) return undefined;
  return make === undefined ? { entry } : { entry, make };
}
