import { describe, expect, it } from 'vitest';

import {
  boundedFrames,
  framePartsOf,
  FRAMES_PER_PART,
  MAX_FRAME_PARTS,
  MAX_SYNCED_FRAMES,
} from './video-frame-parts';
import type { VpdqFeature } from './vpdq-feature';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const frames = (n: number, distinct = n): VpdqFeature[] =>
  Array.from({ length: n }, (_, i) => ({ frame: i, quality: 90, pdq: hex(i % distinct), timestamp: i }));

describe('video frame parts (what syncs of a video)', () => {
  it('removes duplicate hashes, keeping the first frame of each', () => {
    const kept = boundedFrames(frames(10, 4));
    expect(kept.map((f) => f.frame)).toEqual([0, 1, 2, 3]);
  });

  it('splits into parts of at most FRAMES_PER_PART frames, numbered, each knowing the count', () => {
    const parts = framePartsOf(frames(FRAMES_PER_PART * 2 + 5));
    expect(parts.map((p) => [p.part, p.parts, p.frames.length, p.picture])).toEqual([
      [0, 3, FRAMES_PER_PART, false],
      [1, 3, FRAMES_PER_PART, false],
      [2, 3, 5, false],
    ]);
    expect(parts[1]!.frames[0]!.frame).toBe(FRAMES_PER_PART);
    expect(framePartsOf([])).toEqual([]);
  });

  it('thins a long video evenly to the bound, from its start to near its end, never repeating a frame', () => {
    const long = frames(MAX_SYNCED_FRAMES * 3 + 7);
    const kept = boundedFrames(long);
    expect(kept).toHaveLength(MAX_SYNCED_FRAMES);
    expect(kept[0]!.frame).toBe(0);
    expect(kept.at(-1)!.frame).toBeGreaterThan(long.length - 5);
    expect(new Set(kept.map((f) => f.frame)).size).toBe(MAX_SYNCED_FRAMES);
    expect(framePartsOf(long).length).toBe(MAX_SYNCED_FRAMES / FRAMES_PER_PART);
  });

  it('numbers the pictures inside bars after the whole frames, within the bound per video', () => {
    const parts = framePartsOf(frames(MAX_SYNCED_FRAMES * 2), frames(FRAMES_PER_PART * 9));
    expect(parts).toHaveLength(MAX_FRAME_PARTS);
    expect(parts.filter((p) => p.picture).map((p) => p.part)).toEqual([12, 13, 14, 15]);
    expect(parts.every((p) => p.parts === MAX_FRAME_PARTS)).toBe(true);
  });
});
