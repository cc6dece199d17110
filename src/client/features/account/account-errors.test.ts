import { describe, expect, it } from 'vitest';

import { ApiError, ServerUnreachableError } from '../../api/api-client';
import { loadCatalog } from '../../i18n/catalog';
import { createTranslator } from '../../i18n/translate';
import { memberErrorText, passwordChangeErrorText, safeNextPath, signInErrorText } from './account-errors';

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
    // Never "no such user": an invitation does not say whether the username exists.
    expect(memberErrorText(t, new ApiError(404, 'not_found', 'x'))).toBe(
      'That member or invitation is no longer on this case, or the case is gone.',
    );
    const refused = (reason: string) =>
      memberErrorText(t, new ApiError(409, 'conflict', 'server English', undefined, reason));
    expect(refused('last_owner')).toBe('A case keeps at least one owner: make someone else owner first.');
    expect(refused('already_member')).toBe('That person is already a member of this case.');
    expect(refused('too_many_invitations')).toBe(
      'This case already has 100 pending invitations: withdraw some first.',
    );
  });
  it('words a refused password change from its reason, never the server’s sentence', async () => {
    const refused = (status: number, code: string, reason?: string) =>
      passwordChangeErrorText(t, new ApiError(status, code, 'server English', undefined, reason));
    expect(refused(403, 'forbidden', 'wrong_password')).toBe('The current password is wrong.');
    expect(refused(400, 'bad_request', 'weak_password')).toBe(
      'The new password is too short: use at least 12 characters.',
    );
    expect(refused(400, 'bad_request', 'password_too_long')).toBe(
      'The new password is too long (at most 1,024 characters).',
    );
    expect(refused(401, 'unauthenticated')).toContain('Sign in again');
    expect(refused(500, 'internal')).not.toContain('server English');
    expect(
      passwordChangeErrorText(
        createTranslator('ar', await loadCatalog('ar')),
        new ApiError(403, 'forbidden', 'x', undefined, 'wrong_password'),
      ),
    ).toBe('كلمة المرور الحالية غير صحيحة.');
  });
});
