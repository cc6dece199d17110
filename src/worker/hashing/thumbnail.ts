/**
 * A small preview for the UI (longest side THUMBNAIL_SIZE, JPEG: several times faster to encode than WebP at this size), drawn from the bitmap already decoded
 * for hashing, so a file is decoded once. Unlike the hash, the preview is upright: the browser's bitmap
 * has the EXIF orientation applied, which is what people expect to see.
 */
export const THUMBNAIL_SIZE = 256;

export interface Thumbnail {
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
  readonly mimeType: string;
}

/** Draws now (so the bitmap may be closed after this returns); the encoding finishes in the returned promise. */
export function makeThumbnail(bitmap: ImageBitmap): Promise<Thumbnail> {
  const scale = Math.min(1, THUMBNAIL_SIZE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context for the thumbnail');
  context.imageSmoothingQuality = 'low'; // bilinear: a fraction of the cost, fine at preview size
  context.drawImage(bitmap, 0, 0, width, height);
  return canvas
    .convertToBlob({ type: 'image/jpeg', quality: 0.8 })
    .then((blob) => ({ blob, width, height, mimeType: blob.type || 'image/jpeg' }));
}
