import { findJpegTiff, findMakerNote, readIfd, readText, tiffAt, type TiffView } from './tiff-walker';

/**
 * Camera serial numbers that live only in maker notes (exifr does not decode maker notes):
 * - Nikon type 3 ("Nikon\0" + version, then its own TIFF header at +10): tag 0x001d SerialNumber,
 *   else 0x00a0 (older bodies, written "NO= 1234567");
 * - Panasonic ("Panasonic\0\0\0", then an IFD with offsets relative to the EXIF TIFF): 0x0025
 *   InternalSerialNumber;
 * - Reconyx HyperFire (starts 01 F1): SerialNumber as UTF-16LE at byte 0x2a (15 characters).
 * Everything is bounds-checked: malformed maker notes give undefined, never an exception.
 */
export function makerNoteSerialFromJpeg(bytes: Uint8Array): string | undefined {
  const tiff = findJpegTiff(bytes);
  return tiff ? makerNoteSerial(tiff) : undefined;
}

function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

export function makerNoteSerial(tiff: TiffView): string | undefined {
  const found = findMakerNote(tiff);
  if (!found) return undefined;
  const { bytes } = tiff;
  const at = found.entry.valueAt;
  const end = at + found.entry.count;

  if (startsWith(bytes, at, 'Nikon\0')) {
    const inner = tiffAt(bytes, at + 10);
    if (!inner) return undefined;
    const first = readIfd(inner, 8);
    const serial = first.find((e) => e.tag === 0x001d) ?? first.find((e) => e.tag === 0x00a0);
    return serial ? readText(inner, serial) : undefined;
  }
  if (startsWith(bytes, at, 'Panasonic\0')) {
    const entries = readIfd(tiff, at + 12, true);
    const serial = entries.find((e) => e.tag === 0x0025);
    return serial ? readText(tiff, serial) : undefined;
  }
  if (bytes[at] === 0x01 && bytes[at + 1] === 0xf1) {
    const start = at + 0x2a;
    if (start + 30 > end) return undefined;
    let text = '';
    for (let i = 0; i < 15; i++) {
      const code = bytes[start + 2 * i]! | (bytes[start + 2 * i + 1]! << 8);
      if (code === 0) break;
      text += String.fromCharCode(code);
    }
    return text.trim() || undefined;
  }
  return undefined;
}
