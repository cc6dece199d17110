import { ImageFormat, type ImageHeader } from '../image/image-header';
import { HashFailureReason, MAX_IMAGE_PIXELS } from './file-signature';

/**
 * The checks made from the header before any decoder runs, shared by the worker and the CLI, with
 * messages an analyst understands. Decode policy (both realms): hash the pixels as stored (no EXIF
 * rotation, no colour management), refuse more than MAX_IMAGE_PIXELS declared pixels before decoding.
 */
export interface RefusedBeforeDecode {
  readonly ok: false;
  readonly reason: HashFailureReason;
  readonly message: string;
}

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

export function formatName(format: ImageFormat): string {
  return FORMAT_NAMES[format];
}

function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  return mp >= 1000 ? `${(mp / 1000).toFixed(1)} GP` : `${Math.round(mp)} MP`;
}

export function unsupportedMessage(format: ImageFormat): string {
  if (format === ImageFormat.svg)
    return 'SVG drawings are not hashed: they have no fixed pixels and can load content from the network.';
  if (format === ImageFormat.heic)
    return 'HEIC/HEIF photos cannot be decoded here (no HEVC decoder). Convert the file to JPEG or PNG to hash it.';
  return `${formatName(format)} images cannot be decoded here. Convert the file to JPEG or PNG to hash it.`;
}

export function tooLargeMessage(width: number, height: number): string {
  return `The image declares ${width} × ${height} pixels (${megapixels(width * height)}), over the ${megapixels(MAX_IMAGE_PIXELS)} limit; it was not decoded.`;
}

export function undecodableMessage(format: ImageFormat, detail?: string): string {
  const why = detail ? `: ${detail.replace(/\s+/g, ' ').trim().replace(/\.$/, '')}` : '';
  return format === ImageFormat.unknown
    ? 'This is not an image or video file Waymark recognises (no JPEG, PNG, GIF, WebP, BMP, TIFF, AVIF, HEIC, MP4, QuickTime, WebM, Matroska, AVI or MPEG signature).'
    : `The file looks like a ${formatName(format)} image but could not be decoded (corrupt or truncated)${why}.`;
}

/** null when the decoder may run; otherwise the refusal to report. */
export function refuseBeforeDecode(
  header: ImageHeader,
  byteLength: number,
  unsupported: ReadonlySet<ImageFormat>,
): RefusedBeforeDecode | null {
  if (byteLength === 0)
    return { ok: false, reason: HashFailureReason.empty, message: 'The file is empty (0 bytes).' };
  if (header.format === ImageFormat.unknown)
    return { ok: false, reason: HashFailureReason.undecodable, message: undecodableMessage(header.format) };
  if (unsupported.has(header.format))
    return { ok: false, reason: HashFailureReason.unsupported, message: unsupportedMessage(header.format) };
  if (header.width * header.height > MAX_IMAGE_PIXELS)
    return {
      ok: false,
      reason: HashFailureReason.tooLarge,
      message: tooLargeMessage(header.width, header.height),
    };
  return null;
}
