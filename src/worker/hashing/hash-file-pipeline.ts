import type { ExifSummary } from '../../domain/exif/exif-summary';
import { analyseImage, type GroupingSignals } from '../../domain/features/compute-features';
import type { HashFailure, ImageSignature } from '../../domain/hashing/file-signature';
import { pdqFromImage } from '../../domain/hashing/pdq';
import { hashFailure, imageSignature } from '../../domain/hashing/signature';
import {
  IMAGE_HEADER_BYTES,
  ImageFormat,
  MIME_TYPES,
  readImageHeader,
} from '../../domain/image/image-header';
import { readJpegOrientation } from '../../domain/image/jpeg-orientation';
import {
  sniffVideoContainer,
  VIDEO_SNIFF_BYTES,
  type VideoContainer,
} from '../../domain/video/video-container';
import { hashWhole, readWhole, streamAndHash } from './crypto-stream';
import { startDecode } from './decode-browser';
import { readExif } from '../exif/read-exif';
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
  /** What EXIF holds worth keeping (camera, serials, time, GPS…); absent when nothing was readable. */
  readonly exif?: ExifSummary;
  /** Region hashes and keypoints for grouping (local-only derived data: never synced). */
  readonly grouping?: GroupingSignals;
}

export type WorkerFileResult =
  | (ImageSignature & WorkerImageExtras)
  | (HashFailure & { readonly format?: string; readonly mimeType?: string });

/**
 * One pass over one file, as a sequence of steps (a step may be inserted between them, e.g. EXIF):
 * 1. read the file: photo-sized files in one piece, kept in memory for the steps below (each read of
 *    a Blob is a trip to the browser's blob store, ~1.5 ms: reading the header, the EXIF and the
 *    embedded thumbnail separately cost more than the hashes); larger files are streamed;
 * 2. from its first bytes: format, declared size, EXIF orientation; refuse bombs and unsupported
 *    formats before decoding;
 * 3. decode once (the browser decodes off this thread) and, meanwhile, compute MD5 / SHA-1 / SHA-256;
 *    read the pixels as stored;
 * 4. start the thumbnail encode from the same bitmap and, meanwhile, compute PDQ + quality + dihedral;
 * 5. EXIF, from the bytes in memory.
 * Expected failures are values; crypto hashes are kept whenever the bytes were read.
 */
export async function hashFileInWorker<V = never>(
  file: Blob,
  /** Videos (told by their first bytes, never their name) go here instead; without it they fail as images. */
  onVideo?: (container: VideoContainer) => Promise<V>,
): Promise<WorkerFileResult | V> {
  const whole = await readWhole(file);
  const head = whole
    ? whole.subarray(0, IMAGE_HEADER_BYTES)
    : new Uint8Array(await file.slice(0, IMAGE_HEADER_BYTES).arrayBuffer());
  // A video goes its own way (streamed from the File; a small one's bytes read here are dropped).
  const container = onVideo ? sniffVideoContainer(head.subarray(0, VIDEO_SNIFF_BYTES)) : null;
  if (container && onVideo) return onVideo(container);

  const sniffed = readImageHeader(head);
  const format = sniffed.format;
  const mimeType = MIME_TYPES[format];
  const orientation = format === ImageFormat.jpeg ? readJpegOrientation(head) : undefined;
  const header = { ...sniffed, orientation };

  const decoding = startDecode(file, header, file.size);
  const read = await (whole ? hashWhole(whole) : streamAndHash(file));
  const decoded = await decoding;
  if (!decoded.ok) return { ...hashFailure(read.bytes, decoded, read.crypto), format, mimeType };

  const { image, bitmap } = decoded;
  let thumbnailing: ReturnType<typeof makeThumbnail>;
  try {
    thumbnailing = makeThumbnail(bitmap);
  } finally {
    bitmap.close();
  }
  const pdq = pdqFromImage(image);
  // 4b. What grouping needs beyond PDQ (region hashes, keypoints), from the same pixels.
  const grouping = analyseImage(image);
  const thumbnail = await thumbnailing;
  // 5. EXIF (fails soft), compared against the thumbnail just made for the embedded-thumbnail check.
  const exif = await readExif(whole ?? file, {
    blob: thumbnail.blob,
    width: image.width,
    height: image.height,
  });
  return {
    ...imageSignature(read.bytes, read.crypto, image.width, image.height, pdq),
    thumbnail: thumbnail.blob,
    thumbnailWidth: thumbnail.width,
    thumbnailHeight: thumbnail.height,
    mimeType,
    format,
    ...(orientation === undefined ? {} : { orientation }),
    ...(exif ? { exif } : {}),
    grouping,
  };
}
