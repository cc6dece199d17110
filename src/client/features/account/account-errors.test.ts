import { describe, expect, it } from 'vitest';

import { ApiError, ServerUnreachableError } from '../../api/api-client';
import { createTranslator } from '../../i18n/translate';
import { memberErrorText, safeNextPath, signInErrorText } from './account-errors';

describe('safeNextPath', () => {
  it.each([
    ['/cases/01JDQ7ZK3M8V4N2X9R5T6W7Y8Z', '/cases/01JDQ7ZK3M8V4N2X9R5T6W7Y8Z'],
    [null, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
  ])('%j -> %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe('error texts', () => {
  const t = createTranslator('en');
  it('names what went wrong with a sign-in', () => {
    expect(signInErrorText(t, new ApiError(401, 'unauthenticated', 'x'))).toBe(
      'The username or password is wrong.',
    );
    expect(signInErrorText(t, new ApiError(429, 'rate_limited', 'x', 600))).toBe(
      'Too many failed attempts. Try again in 10 minutes.',
    );
    expect(signInErrorText(t, new ServerUnreachableError(new Error('down')))).toContain('cannot be reached');
  });
  it('explains a refused membership change by its code', () => {
    expect(memberErrorText(t, new ApiError(409, 'conflict', 'x'))).toContain('at least one owner');
    expect(memberErrorText(t, new ApiError(404, 'not_found', 'x'))).toBe('No user with that username.');
  });
});
