import { describe, expect, it } from 'vitest';

import { CASE_NAME_MAX_LENGTH, normalizeCaseName } from './case';
import { asCaseId, isUlid } from './ids';

describe('normalizeCaseName', () => {
  it.each([
    ['  Operation  Lighthouse ', { ok: true, name: 'Operation Lighthouse' }],
    ['عملية المنارة', { ok: true, name: 'عملية المنارة' }],
    ['   ', { ok: false, problem: 'empty' }],
    ['x'.repeat(CASE_NAME_MAX_LENGTH + 1), { ok: false, problem: 'too-long' }],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeCaseName(input)).toEqual(expected);
  });
});

describe('case ids', () => {
  it('accepts ULIDs and refuses anything else', () => {
    expect(isUlid('01JDQ7ZK3M8V4N2X9R5T6W7Y8Z')).toBe(true);
    expect(isUlid('01jdq7zk3m8v4n2x9r5t6w7y8z')).toBe(false);
    expect(() => asCaseId('../etc/passwd')).toThrow(/not a case id/);
  });
});
