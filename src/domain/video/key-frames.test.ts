import { describe, expect, it } from 'vitest';

import { KeyFrameSelector, selectKeyFrames } from './key-frames';
import type { VpdqFeature } from './vpdq-feature';

const A = 'b2dc981be36c994787bc16811edcda81d20b855627b6bff86e8ba1050b44ff86';
const B = A.split('')
  .map((c) => (15 - parseInt(c, 16)).toString(16))
  .join(''); // 256 bits away

const f = (frame: number, pdq: string, quality = 100): VpdqFeature => ({
  frame,
  quality,
  pdq,
  timestamp: frame / 30,
});

describe('key frames', () => {
  it('keeps the first usable frame and each frame far from the last kept one', () => {
    const kept = selectKeyFrames([f(0, A, 10), f(1, A), f(2, A), f(3, B), f(4, B), f(5, A), f(6, B, 20)]);
    expect(kept.map((k) => k.frame)).toEqual([1, 3, 5]);
  });

  it('holds at most maxKeyFrames, thinning every second one so the strip spans the whole video', () => {
    const selector = new KeyFrameSelector({ maxKeyFrames: 4 });
    const dropped: number[] = [];
    for (let i = 0; i < 40; i++) dropped.push(...selector.offer(f(i * 10, i % 2 ? B : A)).dropped);
    const frames = selector.keyFrames.map((k) => k.frame);
    expect(frames.length).toBeLessThanOrEqual(4);
    expect(frames[0]).toBe(0);
    expect(frames[frames.length - 1]).toBeGreaterThanOrEqual(300); // reaches the last quarter
    // Every frame once kept is either still kept or was reported dropped.
    for (const d of dropped) expect(frames).not.toContain(d);
  });
});
