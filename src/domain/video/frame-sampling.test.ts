import { describe, expect, it } from 'vitest';

import { frameStep, frameTimestamp, isSampledFrame, parseSecondsPerHash } from './frame-sampling';

describe('frame sampling', () => {
  it('hashes every trunc(seconds · fps)-th frame from 0, as the reference', () => {
    expect(frameStep(30, 1)).toBe(30);
    expect(frameStep(29.97, 1)).toBe(29);
    expect(frameStep(25, 0.5)).toBe(12);
    expect(frameStep(30, 0)).toBe(1);
    expect(frameStep(0.5, 1)).toBe(1); // under one frame per second: every frame
    expect([0, 29, 30, 60].map((n) => isSampledFrame(n, 30))).toEqual([true, false, true, true]);
  });

  it('times frames as frame / fps to the millisecond', () => {
    expect(frameTimestamp(1, 30)).toBe(0.033);
    expect(frameTimestamp(2, 30)).toBe(0.067);
    expect(frameTimestamp(90, 30)).toBe(3);
  });

  it('reads the seconds-per-hash option', () => {
    expect(parseSecondsPerHash('0')).toBe(0);
    expect(parseSecondsPerHash('0.5')).toBe(0.5);
    expect(parseSecondsPerHash('-1')).toBeNull();
    expect(parseSecondsPerHash('one')).toBeNull();
    expect(parseSecondsPerHash(undefined)).toBeNull();
  });
});
