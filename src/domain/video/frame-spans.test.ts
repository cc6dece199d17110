import { describe, expect, it } from 'vitest';

import { frameSpans } from './frame-spans';
import type { FrameMatch } from './vpdq-match';

const m = (frame: number, timestamp: number, otherTimestamp: number, distance = 4): FrameMatch => ({
  frame,
  timestamp,
  otherFrame: frame,
  otherTimestamp,
  distance,
});

describe('frame spans', () => {
  it('joins frames close in time and splits at a gap, in time order', () => {
    const { spans, omitted } = frameSpans([m(60, 2, 12, 9), m(0, 0, 10, 3), m(30, 1, 11), m(300, 10, 40)]);
    expect(spans).toEqual([
      { fromFrame: 0, toFrame: 60, from: 0, to: 2, otherFrom: 10, otherTo: 12, frames: 3, distance: 3 },
      { fromFrame: 300, toFrame: 300, from: 10, to: 10, otherFrom: 40, otherTo: 40, frames: 1, distance: 4 },
    ]);
    expect(omitted).toBe(0);
  });

  it('joins frames of unknown time by frame number', () => {
    const { spans } = frameSpans([m(0, -1, -1), m(30, -1, -1), m(500, -1, -1)]);
    expect(spans.map((s) => [s.fromFrame, s.toFrame, s.frames])).toEqual([
      [0, 30, 2],
      [500, 500, 1],
    ]);
  });

  it('keeps the earliest spans and counts the frames of the rest', () => {
    const matches = Array.from({ length: 20 }, (_, i) => m(i * 300, i * 10, i * 10));
    const { spans, omitted } = frameSpans(matches, { maxSpans: 16 });
    expect(spans).toHaveLength(16);
    expect(spans.at(-1)!.from).toBe(150);
    expect(omitted).toBe(4);
  });
});
