import { ImageFormat, type ImageHeader } from '../image/image-header';
import { MAX_IMAGE_PIXELS } from './file-signature';
import { hashRefusal, type HashRefusal } from './hash-problem';

/**
 * The checks made from the header before any decoder runs, shared by the worker and the CLI, as
 * problem codes each realm words. Decode policy (both realms): hash the pixels as stored (no EXIF
 * rotation, no colour management), refuse more than MAX_IMAGE_PIXELS declared pixels before decoding.
 */
export type RefusedBeforeDecode = HashRefusal;

const FORMAT_NAMES: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'JPEG',
  png: 'PNG',
  gif: 'GIF',
  webp: 'WebP',
  bmp: 'BMP',
  tiff: 'TIFF',
  avif: 'AVIF',
  heic: 'HEIC/HEIF',
  svg: 'SVG',
  unknown: 'unknown',
};

/** The format's usual name (a proper noun: the same in every language). */
export function formatName(format: ImageFormat): string {
  return FORMAT_NAMES[format];
}

/** A format this decoder does not read: SVG by policy, anything else for want of a codec. */
export function unsupportedFormat(format: ImageFormat): HashRefusal {
  return hashRefusal(
    format === ImageFormat.svg ? { code: 'svg-refused' } : { code: 'format-unsupported', format },
  );
}

export function tooLarge(width: number, height: number): HashRefusal {
  return hashRefusal({ code: 'too-large', width, height, maxPixels: MAX_IMAGE_PIXELS });
}

/** Bytes that did not decode: not a known format at all, or a known one that is corrupt. */
export function undecodable(format: ImageFormat, detail?: string): HashRefusal {
  return format === ImageFormat.unknown
    ? hashRefusal({ code: 'not-media' }, detail)
    : hashRefusal({ code: 'corrupt-image', format }, detail);
}

/** null when the decoder may run; otherwise the refusal to report. */
export function refuseBeforeDecode(
  header: ImageHeader,
  byteLength: number,
  unsupported: ReadonlySet<ImageFormat>,
): RefusedBeforeDecode | null {
  if (byteLength === 0) return hashRefusal({ code: 'empty' });
  if (header.format === ImageFormat.unknown) return undecodable(header.format);
  if (unsupported.has(header.format)) return unsupportedFormat(header.format);
  if (header.width * header.height > MAX_IMAGE_PIXELS) return tooLarge(header.width, header.height);
  return null;
}
