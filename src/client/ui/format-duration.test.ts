import { describe, expect, it } from 'vitest';

import { formatDuration } from './format-duration';

describe('formatDuration', () => {
  it.each([
    [0, false, '0:00'],
    [8_040, false, '0:08'],
    [65_000, false, '1:05'],
    [3_725_000, false, '1:02:05'],
    [1_234, true, '0:01.2'],
    [-5, false, '0:00'],
    [Number.NaN, false, '0:00'],
  ])('%d ms (tenths %s) is %s', (ms, fractions, text) => {
    expect(formatDuration(ms, fractions)).toBe(text);
  });
});
