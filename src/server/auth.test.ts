import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MeResponse } from '../contract/account.contract';
import { hashToken } from './services/auth.service';
import { createTestApp, TEST_PASSWORD, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

describe.each(TEST_DATABASE_KINDS)('accounts and sessions on %s', (kind) => {
  let t: TestApp;
  let clock = new Date('2026-03-01T08:00:00Z');

  beforeAll(async () => {
    t = await createTestApp(kind, {
      now: () => clock,
      security: { sessionIdleMinutes: 30, sessionAbsoluteHours: 2 },
    });
    await t.addUser('Amira', { displayName: 'Amira Haddad', organization: 'Unit A', contact: '+44 20 0000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs in with a hashed-token HttpOnly SameSite=Strict cookie and reports who is signed in', async () => {
    const response = await t.call('POST', '/api/auth/login', {
      body: { username: 'amira', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies[0];
    expect(cookie).toMatchObject({
      name: 'waymark_session',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: 7200,
    });
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = MeResponse.parse(
      (await t.call('GET', '/api/auth/me', { cookie: `waymark_session=${cookie?.value}` })).json(),
    );
    expect(me.user).toMatchObject({ username: 'Amira', displayName: 'Amira Haddad', organization: 'Unit A' });
    // The cookie lives exactly as long as the session (its absolute end), never longer.
    expect(cookie?.expires?.toISOString()).toBe(me.session.expiresAt);
    expect(Date.parse(me.session.expiresAt) - clock.getTime()).toBe(7200 * 1000);
    // Only the SHA-256 of the token is stored.
    const rows = await t.testDb.database.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).toContain(hashToken(cookie?.value ?? ''));
    expect(rows.map((r) => r.token_hash)).not.toContain(cookie?.value);
    const stored = await t.testDb.database.db
      .selectFrom('users')
      .select('password_hash')
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    const wrong = await t.call('POST', '/api/auth/login', {
      body: { username: 'amira', password: 'not the password' },
    });
    const unknown = await t.call('POST', '/api/auth/login', {
      body: { username: 'nobody', password: TEST_PASSWORD },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toHaveLength(0);
  });

  it('ends a session after the idle timeout but not before', async () => {
    clock = new Date('2026-03-01T08:00:00Z');
    const cookie = await t.login('amira');
    clock = new Date('2026-03-01T08:25:00Z');
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    clock = new Date('2026-03-01T08:50:00Z'); // 25 minutes after the last request: still alive
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    clock = new Date('2026-03-01T09:21:00Z'); // 31 minutes idle
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
  });

  it('ends a busy session at the absolute timeout', async () => {
    clock = new Date('2026-03-01T10:00:00Z');
    const cookie = await t.login('amira');
    for (let minutes = 20; minutes < 120; minutes += 20) {
      clock = new Date(Date.parse('2026-03-01T10:00:00Z') + minutes * 60_000);
      expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode, `${minutes} min`).toBe(200);
    }
    clock = new Date('2026-03-01T12:00:01Z');
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
  });

  it('signs out one session, and revoke-all ends every other one', async () => {
    clock = new Date('2026-03-02T08:00:00Z');
    const first = await t.login('amira');
    const second = await t.login('amira');
    const third = await t.login('amira');
    const out = await t.call('POST', '/api/auth/logout', { cookie: first });
    expect(out.statusCode).toBe(200);
    expect(out.cookies[0]).toMatchObject({ name: 'waymark_session', value: '' });
    expect((await t.call('GET', '/api/auth/me', { cookie: first })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/auth/me', { cookie: second })).statusCode).toBe(200);
    const stored = await t.testDb.database.db.selectFrom('sessions').select('token_hash').execute();
    const revoked = await t.call('POST', '/api/auth/sessions/revoke-all', { cookie: second });
    expect(revoked.json()).toEqual({ ok: true, revokedSessions: stored.length });
    expect(await t.testDb.database.db.selectFrom('sessions').select('token_hash').execute()).toEqual([]);
    expect((await t.call('GET', '/api/auth/me', { cookie: third })).statusCode).toBe(401);
  });

  it('records sign-ins, failures and sign-outs in the audit trail', async () => {
    const actions = await t.testDb.database.db
      .selectFrom('audit_log')
      .select('action')
      .orderBy('seq')
      .execute();
    const seen = new Set(actions.map((a) => a.action));
    for (const action of [
      'user.created',
      'auth.login',
      'auth.login_failed',
      'auth.logout',
      'auth.sessions_revoked',
    ])
      expect(seen, action).toContain(action);
  });
});

describe('the session cookie over HTTPS', () => {
  it('is __Host- prefixed and Secure', async () => {
    const t = await createTestApp('sqlite', { security: { https: true } });
    try {
      await t.addUser('amira');
      const response = await t.call('POST', '/api/auth/login', {
        body: { username: 'amira', password: TEST_PASSWORD },
      });
      expect(response.cookies[0]).toMatchObject({
        name: '__Host-waymark_session',
        secure: true,
        httpOnly: true,
      });
      expect(response.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await t.close();
    }
  });
});
