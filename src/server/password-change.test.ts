// The account menu's password change (POST /api/auth/password), on SQLite and PostgreSQL: the current
// password is required and throttled like a sign-in, every session of the user ends, this browser gets a
// new session, and each attempt is audited. Hostile callers get codes, never a changed password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MeResponse } from '../contract/account.contract';
import { ApiErrorBody } from '../contract/api-error.contract';
import { createTestApp, TEST_PASSWORD, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

const NEW_PASSWORD = 'a brand new passphrase';

describe.each(TEST_DATABASE_KINDS)('password change on %s', (kind) => {
  let t: TestApp;
  let clock = new Date('2026-05-01T08:00:00Z');

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
  });
  afterAll(async () => {
    await t.close();
  });

  const change = (cookie: string | undefined, body: unknown) =>
    t.call('POST', '/api/auth/password', { ...(cookie ? { cookie } : {}), body });
  const reasonOf = (response: { json: () => unknown }) => ApiErrorBody.parse(response.json()).reason;

  it('needs the current password, ends every session, and signs this browser in again', async () => {
    const userId = await t.addUser('hana');
    const here = await t.login('hana');
    const elsewhere = await t.login('hana');
    const before = MeResponse.parse((await t.call('GET', '/api/auth/me', { cookie: here })).json());

    clock = new Date('2026-05-01T09:00:00Z');
    const wrong = await change(here, { currentPassword: 'not my password', newPassword: NEW_PASSWORD });
    expect(wrong.statusCode).toBe(403);
    expect(reasonOf(wrong)).toBe('wrong_password');
    expect((await t.call('GET', '/api/auth/me', { cookie: elsewhere })).statusCode).toBe(200);

    const changed = await change(here, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.statusCode).toBe(200);
    const cookie = changed.cookies[0];
    expect(cookie?.name).toBe('waymark_session');
    expect(`waymark_session=${cookie?.value}`).not.toBe(here);
    // The new session keeps the old one's absolute end, and the cookie expires with it.
    const after = MeResponse.parse(changed.json());
    expect(after.session.expiresAt).toBe(before.session.expiresAt);
    expect(cookie?.expires?.toISOString()).toBe(before.session.expiresAt);

    for (const old of [here, elsewhere])
      expect((await t.call('GET', '/api/auth/me', { cookie: old })).statusCode).toBe(401);
    const fresh = `waymark_session=${cookie?.value}`;
    expect((await t.call('GET', '/api/auth/me', { cookie: fresh })).statusCode).toBe(200);
    const signIn = (password: string) =>
      t.call('POST', '/api/auth/login', { body: { username: 'hana', password } });
    expect((await signIn(TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(NEW_PASSWORD)).statusCode).toBe(200);

    const trail = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'detail'])
      .where('subject', '=', userId)
      .where('action', 'like', 'user.password%')
      .orderBy('seq')
      .execute();
    expect(trail.map((e) => [e.action, e.actor_id])).toEqual([
      ['user.password_change_failed', userId],
      ['user.password_set', userId],
    ]);
    expect(JSON.parse(trail[1]?.detail ?? '{}')).toMatchObject({ by: 'self', endedSessions: 2 });
    expect(JSON.stringify(trail)).not.toContain('passphrase');
  });

  it('refuses a weak or overlong new password with a reason, and changes nothing', async () => {
    await t.addUser('ines');
    const cookie = await t.login('ines');
    const weak = await change(cookie, { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(reasonOf(weak)).toBe('weak_password');
    const spaces = await change(cookie, { currentPassword: TEST_PASSWORD, newPassword: ' '.repeat(20) });
    expect(reasonOf(spaces)).toBe('weak_password');
    const long = await change(cookie, { currentPassword: TEST_PASSWORD, newPassword: 'x'.repeat(1025) });
    expect(long.statusCode).toBe(400);
    expect(reasonOf(long)).toBe('password_too_long');
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    expect(
      (await t.call('POST', '/api/auth/login', { body: { username: 'ines', password: TEST_PASSWORD } }))
        .statusCode,
    ).toBe(200);
  });

  it('throttles guesses of the current password like sign-ins', async () => {
    await t.addUser('jude');
    const cookie = await t.login('jude');
    for (let i = 0; i < 5; i++)
      expect(
        (await change(cookie, { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD })).statusCode,
      ).toBe(403);
    const limited = await change(cookie, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('hostile callers: no session, a malformed body, no CSRF header', async () => {
    await t.addUser('kofi');
    const cookie = await t.login('kofi');
    const anonymous = await change(undefined, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(anonymous.statusCode).toBe(401);
    for (const body of [
      {},
      { currentPassword: TEST_PASSWORD },
      { currentPassword: 12, newPassword: NEW_PASSWORD },
      { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, userId: 'someone-else' },
      [TEST_PASSWORD, NEW_PASSWORD],
    ]) {
      const response = await change(cookie, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }),
    });
    expect(forged.statusCode).toBe(403);
    expect(ApiErrorBody.parse(forged.json()).error).toBe('csrf');
    // Still the old password.
    expect(
      (await t.call('POST', '/api/auth/login', { body: { username: 'kofi', password: TEST_PASSWORD } }))
        .statusCode,
    ).toBe(200);
  });
});
