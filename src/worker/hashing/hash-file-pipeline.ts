import type { HashFailure, ImageSignature } from '../../domain/hashing/file-signature';
import { pdqFromImage } from '../../domain/hashing/pdq';
import { hashFailure, imageSignature } from '../../domain/hashing/signature';
import { ImageFormat, MIME_TYPES, readImageHeader } from '../../domain/image/image-header';
import { readJpegOrientation } from '../../domain/image/jpeg-orientation';
import { hashBytesStreamed } from './crypto-stream';
import { decodeInWorker } from './decode-browser';
import { makeThumbnail } from './thumbnail';

export interface WorkerImageExtras {
  readonly thumbnail: Blob;
  readonly thumbnailWidth: number;
  readonly thumbnailHeight: number;
  /** The file's type from its magic bytes (not its name). */
  readonly mimeType: string;
  readonly format: string;
  /** EXIF orientation (1-8) when the file records one; the hash ignores it (pixels as stored). */
  readonly orientation?: number;
}

export type WorkerFileResult =
  | (ImageSignature & WorkerImageExtras)
  | (HashFailure & { readonly format?: string; readonly mimeType?: string });

/**
 * One pass over one file, as a sequence of steps (a step may be inserted between them, e.g. EXIF):
 * 1. read the bytes once, streaming MD5 / SHA-1 / SHA-256; keep the header bytes;
 * 2. sniff format and declared size; refuse bombs and unsupported formats before decoding;
 * 3. decode once (pixels as stored); 4. PDQ + quality + dihedral hashes;
 * 5. thumbnail from the same bitmap.
 * Expected failures are values; crypto hashes are kept whenever the bytes were read.
 */
export async function hashFileInWorker(file: Blob): Promise<WorkerFileResult> {
  const read = await hashBytesStreamed(file);
  const header = readImageHeader(read.head);
  const format = header.format;
  const mimeType = MIME_TYPES[format];
  const orientation = format === ImageFormat.jpeg ? readJpegOrientation(read.head) : undefined;

  const decoded = await decodeInWorker(file, header, read.bytes, orientation);
  if (!decoded.ok)
    return { ...hashFailure(read.bytes, decoded.reason, decoded.message, read.crypto), format, mimeType };

  const { image, bitmap } = decoded;
  try {
    const pdq = pdqFromImage(image);
    const thumbnail = await makeThumbnail(bitmap);
    return {
      ...imageSignature(read.bytes, read.crypto, image.width, image.height, pdq),
      thumbnail: thumbnail.blob,
      thumbnailWidth: thumbnail.width,
      thumbnailHeight: thumbnail.height,
      mimeType,
      format,
      ...(orientation === undefined ? {} : { orientation }),
    };
  } finally {
    bitmap.close();
  }
}
