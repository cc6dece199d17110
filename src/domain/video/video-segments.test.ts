import { describe, expect, it } from 'vitest';

import {
  addSegment,
  MAX_VIDEO_SEGMENTS,
  removeSegment,
  setSegmentCategory,
  validSegments,
  type VideoSegment,
} from './video-segments';

describe('video segments', () => {
  it('adds a span between two marks in either order, clamped to the video, in start order', () => {
    const a = addSegment([], 5000.4, 2000, 10_000)!;
    expect(a).toEqual({ segments: [{ startMs: 2000, endMs: 5000, category: null }], index: 0 });
    const b = addSegment(a.segments, -50, 1000, 10_000, 2)!;
    expect(b.index).toBe(0);
    expect(b.segments.map((s) => [s.startMs, s.endMs, s.category])).toEqual([
      [0, 1000, 2],
      [2000, 5000, null],
    ]);
    const c = addSegment(b.segments, 9000, 99_999, 10_000)!;
    expect(c.segments.at(-1)).toEqual({ startMs: 9000, endMs: 10_000, category: null });
    expect(validSegments(c.segments, 10_000)).toBe(true);
  });

  it('refuses an empty span and a full list', () => {
    expect(addSegment([], 3000, 3000, 10_000)).toBeNull();
    expect(addSegment([], 20_000, 30_000, 10_000)).toBeNull();
    const full: VideoSegment[] = Array.from({ length: MAX_VIDEO_SEGMENTS }, (_, i) => ({
      startMs: i,
      endMs: i + 1,
      category: null,
    }));
    expect(validSegments(full, 10_000)).toBe(true);
    expect(addSegment(full, 0, 10, 10_000)).toBeNull();
  });

  it('sets a category, removes a segment, and tells a list that breaks the invariants', () => {
    const { segments } = addSegment([], 0, 1000, 10_000)!;
    expect(setSegmentCategory(segments, 0, 1)).toEqual([{ startMs: 0, endMs: 1000, category: 1 }]);
    expect(removeSegment(segments, 0)).toEqual([]);
    expect(validSegments([{ startMs: 500, endMs: 400, category: null }], 10_000)).toBe(false);
    expect(validSegments([{ startMs: 0, endMs: 20_000, category: null }], 10_000)).toBe(false);
    expect(
      validSegments(
        [
          { startMs: 500, endMs: 600, category: null },
          { startMs: 100, endMs: 200, category: null },
        ],
        10_000,
      ),
    ).toBe(false);
  });
});
