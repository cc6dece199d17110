import exifr from 'exifr';

import { isEmptyExif, summarizeExif, type ExifSummary, type RawExif } from '../../domain/exif/exif-summary';
import { EXIFR_OPTIONS } from '../../domain/exif/exifr-options';
import { makerNoteSerialFromJpeg } from '../../domain/exif/maker-note-serial';
import { aspectCrop, thumbnailDiffers } from '../../domain/exif/mean-hash';

/** Maker notes sit in APP1, within the first 64 KB of a JPEG (a segment is at most 64 KB). */
const HEAD_BYTES = 128 * 1024;

/**
 * The EXIF step of the worker pipeline. Fails soft: a corrupt or looping EXIF block, a bad maker note
 * or an undecodable embedded thumbnail leaves the field out; the image is still ingested.
 * `picture` is the pipeline's own thumbnail of the decoded image (pixels as stored), to which the
 * embedded thumbnail is compared (rule in domain/exif/mean-hash.ts). `file` is the file's bytes when
 * the pipeline holds them (read from memory), else the file (read in parts).
 */
export async function readExif(
  file: Blob | Uint8Array,
  picture: { blob: Blob; width: number; height: number },
): Promise<ExifSummary | undefined> {
  let raw: RawExif = {};
  let makerSerial: string | undefined;
  try {
    const head =
      file instanceof Uint8Array
        ? file.subarray(0, HEAD_BYTES)
        : new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
    raw = ((await exifr.parse(file, EXIFR_OPTIONS)) as RawExif | undefined) ?? {};
    makerSerial = makerNoteSerialFromJpeg(head);
  } catch {
    // Unreadable EXIF: keep what was read so far.
  }
  const summary = summarizeExif(raw, makerSerial);
  const differs = await embeddedThumbnailDiffers(file, picture);
  const result = differs === undefined ? summary : { ...summary, embeddedThumbnailDiffers: differs };
  return isEmptyExif(result) ? undefined : result;
}

async function embeddedThumbnailDiffers(
  file: Blob | Uint8Array,
  picture: { blob: Blob; width: number; height: number },
): Promise<boolean | undefined> {
  try {
    const embedded = await exifr.thumbnail(file);
    if (!embedded || embedded.byteLength === 0) return undefined;
    const thumb = await createImageBitmap(new Blob([new Uint8Array(embedded)]), { imageOrientation: 'none' });
    const main = await createImageBitmap(picture.blob, { imageOrientation: 'none' });
    try {
      const crop = aspectCrop(thumb.width, thumb.height, picture.width, picture.height);
      return thumbnailDiffers(gray8(main, { x: 0, y: 0, w: main.width, h: main.height }), gray8(thumb, crop));
    } finally {
      thumb.close();
      main.close();
    }
  } catch {
    return undefined;
  }
}

function gray8(bitmap: ImageBitmap, r: { x: number; y: number; w: number; h: number }): Uint8Array {
  const canvas = new OffscreenCanvas(8, 8);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, r.x, r.y, r.w, r.h, 0, 0, 8, 8);
  const { data } = ctx.getImageData(0, 0, 8, 8);
  const gray = new Uint8Array(64);
  for (let i = 0; i < 64; i++)
    gray[i] = Math.round(0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!);
  return gray;
}
