/**
 * A video as the ingest pipeline receives it from the hash pool: its signature (vPDQ frames, key
 * frames, stream facts, file hashes), the key-frame thumbnails for the filmstrip, and ONE card picture
 * made of up to four key frames side by side (the grid shows it like an image's thumbnail, under the
 * same wellness filter, without reading the filmstrip). Failures are the images' HashFailure values.
 */
import type { HashFailure } from '../../domain/hashing/file-signature';
import type { VideoContainer } from '../../domain/video/video-container';
import type { VideoSignature } from '../../domain/video/video-signature';
import { THUMBNAIL_SIZE } from '../hashing/thumbnail';
import { hashVideoInWorker, type KeyFrameThumbnail, type WorkerVideoOptions } from './hash-video';

export type WorkerVideoFileResult =
  | (VideoSignature & {
      readonly mimeType: string;
      readonly format: string;
      readonly thumbnail: Blob;
      readonly thumbnailWidth: number;
      readonly thumbnailHeight: number;
      readonly filmstrip: readonly KeyFrameThumbnail[];
    })
  | (HashFailure & { readonly format?: string; readonly mimeType?: string });

/** Key frames on a card: enough to tell scenes apart at grid size. */
export const CARD_FRAMES = 4;

export async function hashVideoFile(
  file: Blob,
  container: VideoContainer,
  options: WorkerVideoOptions,
): Promise<WorkerVideoFileResult> {
  const result = await hashVideoInWorker(file, container, options);
  if (!result.ok) return { ...result, format: container };
  const { thumbnails, framesDecoded: _decoded, ...signature } = result;
  const card = await cardPicture(thumbnails);
  return {
    ...signature,
    format: container,
    thumbnail: card.blob,
    thumbnailWidth: card.width,
    thumbnailHeight: card.height,
    filmstrip: thumbnails,
  };
}

/** Up to CARD_FRAMES key frames spread over the strip, side by side in two rows of two (or one row). */
async function cardPicture(
  frames: readonly KeyFrameThumbnail[],
): Promise<{ blob: Blob; width: number; height: number }> {
  const picked =
    frames.length <= CARD_FRAMES
      ? frames
      : Array.from({ length: CARD_FRAMES }, (_, i) => frames[Math.floor((i * frames.length) / CARD_FRAMES)]!);
  if (picked.length === 0) {
    const canvas = new OffscreenCanvas(16, 9);
    return { blob: await canvas.convertToBlob({ type: 'image/jpeg' }), width: 16, height: 9 };
  }
  const first = picked[0]!;
  const columns = picked.length === 1 ? 1 : 2;
  const rows = Math.ceil(picked.length / columns);
  const scale = Math.min(1, THUMBNAIL_SIZE / (Math.max(first.width, first.height) * columns));
  const cellWidth = Math.max(1, Math.round(first.width * scale));
  const cellHeight = Math.max(1, Math.round(first.height * scale));
  const canvas = new OffscreenCanvas(cellWidth * columns, cellHeight * rows);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context for a video card');
  context.fillStyle = '#000';
  context.fillRect(0, 0, canvas.width, canvas.height);
  for (let i = 0; i < picked.length; i++) {
    const bitmap = await createImageBitmap(picked[i]!.blob);
    try {
      context.drawImage(
        bitmap,
        (i % columns) * cellWidth,
        Math.floor(i / columns) * cellHeight,
        cellWidth,
        cellHeight,
      );
    } finally {
      bitmap.close();
    }
  }
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  return { blob, width: canvas.width, height: canvas.height };
}
