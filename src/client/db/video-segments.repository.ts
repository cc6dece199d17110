/**
 * A video's review segments, stored on its media record (synced with it, last writer wins): one write
 * replaces the list, with the record's version bumped so the outbox sends it.
 */
import type { MediaId } from '../../domain/case/media';
import { validSegments, type VideoSegment } from '../../domain/video/video-segments';
import type { WaymarkDatabase } from './database';

export async function setVideoSegments(
  db: WaymarkDatabase,
  mediaId: MediaId,
  segments: readonly VideoSegment[],
  now = new Date(),
): Promise<void> {
  await db.transaction('rw', [db.media], async () => {
    const media = await db.media.get(mediaId);
    if (!media || media.kind !== 'video') return;
    // The domain functions keep the invariants; this refuses anything else rather than store it.
    if (!validSegments(segments, media.durationMs ?? 0)) throw new RangeError('invalid video segments');
    await db.media.update(mediaId, {
      segments: segments.map((s) => ({ ...s })),
      updatedAt: now.toISOString(),
      version: media.version + 1,
    });
  });
}
