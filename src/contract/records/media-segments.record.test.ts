import { describe, expect, it } from 'vitest';

import { MAX_VIDEO_SEGMENTS } from '../../domain/video/video-segments';
import { mediaRecord } from './media.record';
import { syncedMedia } from './testing/synced-fixtures';

const video = (segments: unknown) =>
  syncedMedia('C1', 'M1', {
    kind: 'video',
    mimeType: 'video/mp4',
    format: 'mp4',
    durationMs: 10_000,
    fps: 30,
    pdqDihedral: [],
    ...({ segments } as object),
  });
const ok = (record: object) => mediaRecord.schema.safeParse(record).success;

describe('media record: review segments of a video', () => {
  it('carries segments in order, each within the video, with a category or none', () => {
    expect(
      ok(
        video([
          { startMs: 0, endMs: 2000, category: 1 },
          { startMs: 1500, endMs: 10_000, category: null },
        ]),
      ),
    ).toBe(true);
    const most = Array.from({ length: MAX_VIDEO_SEGMENTS }, (_, i) => ({
      startMs: i * 100,
      endMs: i * 100 + 50,
      category: 2,
    }));
    expect(ok(video(most))).toBe(true);
    expect(new TextEncoder().encode(JSON.stringify(video(most))).length).toBeLessThanOrEqual(
      mediaRecord.maxBytes,
    );
  });

  it('refuses segments out of the video, out of order, too many, or on an image', () => {
    expect(ok(video([{ startMs: 0, endMs: 10_001, category: 1 }]))).toBe(false);
    expect(ok(video([{ startMs: 500, endMs: 500, category: 1 }]))).toBe(false);
    expect(
      ok(
        video([
          { startMs: 5000, endMs: 6000, category: 1 },
          { startMs: 0, endMs: 1000, category: 1 },
        ]),
      ),
    ).toBe(false);
    expect(
      ok(
        video(Array.from({ length: MAX_VIDEO_SEGMENTS + 1 }, () => ({ startMs: 0, endMs: 1, category: 1 }))),
      ),
    ).toBe(false);
    expect(ok(video([{ startMs: 0, endMs: 1000, category: 1, note: 'x' }]))).toBe(false);
    expect(ok(syncedMedia('C1', 'M2', { ...({ segments: [] } as object) }))).toBe(false);
  });
});
