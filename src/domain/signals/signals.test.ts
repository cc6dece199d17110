import { describe, expect, it } from 'vitest';

import { SIGNALS } from './signals';
import { SIGNAL_TYPES, isSignalType } from './signal-type';

describe('signal types', () => {
  it('defines every signal type once, keyed by its own name', () => {
    for (const type of SIGNAL_TYPES) expect(SIGNALS[type].type).toBe(type);
    expect(isSignalType('pdq')).toBe(true);
    expect(isSignalType('photodna')).toBe(false);
  });

  it.each([
    ['md5', 'D41D8CD98F00B204E9800998ECF8427E ', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['md5', '=HYPERLINK("x")', null],
    ['pdq', 'zz', null],
    ['sha256', 'a'.repeat(63), null],
  ] as const)('normalizes %s %j to %j', (type, raw, expected) => {
    expect(SIGNALS[type].normalize(raw)).toBe(expected);
  });

  it('accepts only canonical (lower-case, exact length) values as stored values', () => {
    expect(SIGNALS.pdq.isCanonical('f'.repeat(64))).toBe(true);
    expect(SIGNALS.pdq.isCanonical('F'.repeat(64))).toBe(false);
    expect(SIGNALS.sha1.isCanonical('f'.repeat(41))).toBe(false);
  });
});
