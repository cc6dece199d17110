// Sessions end for real: the live event streams they opened close with them, and only the analyst's
// own requests keep a session from going idle. On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BACKGROUND_HEADER } from '../contract/account.contract';
import { createUnitOfWork } from './repositories/unit-of-work';
import { hashToken } from './services/auth.service';
import { openEventStream } from './testing/event-stream';
import { UsersService } from './services/users.service';
import { createTestApp, TEST_PASSWORD, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

const MINUTE = 60_000;
const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);

describe.each(TEST_DATABASE_KINDS)('sessions and their live streams on %s', (kind) => {
  let t: TestApp;
  let clock = new Date('2026-04-01T08:00:00Z');
  const at = (iso: string) => (clock = new Date(iso));
  const background = { [BACKGROUND_HEADER]: '1' };

  beforeAll(async () => {
    t = await createTestApp(kind, {
      now: () => clock,
      // No periodic re-check within a test here: a stream that closes was closed by the ending itself.
      security: { sessionIdleMinutes: 30, sessionAbsoluteHours: 2, sessionStreamCheckSeconds: 3600 },
    });
    await t.addUser('amira');
    await t.addUser('bilal');
  });
  afterAll(async () => {
    await t.close();
  });

  it('sign-out closes the streams of that session, and the other session’s stream stays open', async () => {
    at('2026-04-01T08:00:00Z');
    const first = await t.login('amira');
    const second = await t.login('amira');
    const one = await openEventStream(t, first);
    const two = await openEventStream(t, second);
    expect([one.status, two.status]).toEqual([200, 200]);
    await Promise.all([one.pokes(1), two.pokes(1)]);

    expect((await t.call('POST', '/api/auth/logout', { cookie: first })).statusCode).toBe(200);
    await one.ended;
    // The second session's stream still carries pokes: a case created by Amira reaches it.
    await t.call('POST', '/api/cases', { cookie: second, body: { name: 'Op Still Open' } });
    await two.pokes(2);
    expect(two.isEnded()).toBe(false);
    two.destroy();
  });

  it('revoke-all closes every stream of the user and no one else’s', async () => {
    at('2026-04-01T09:00:00Z');
    const amira = [await t.login('amira'), await t.login('amira')];
    const bilal = await t.login('bilal');
    const streams = await Promise.all(amira.map((c) => openEventStream(t, c)));
    const other = await openEventStream(t, bilal);
    await Promise.all([...streams, other].map((s) => s.pokes(1)));

    const revoked = await t.call('POST', '/api/auth/sessions/revoke-all', { cookie: amira[0] });
    expect(revoked.statusCode).toBe(200);
    await Promise.all(streams.map((s) => s.ended));
    await t.call('POST', '/api/cases', { cookie: bilal, body: { name: 'Op Bilal' } });
    await other.pokes(2);
    expect(other.isEnded()).toBe(false);
    other.destroy();
  });

  it('a password change closes the streams of every session of the user', async () => {
    at('2026-04-01T09:30:00Z');
    const here = await t.login('amira');
    const elsewhere = await t.login('amira');
    const streams = [await openEventStream(t, here), await openEventStream(t, elsewhere)];
    await Promise.all(streams.map((s) => s.pokes(1)));
    const changed = await t.call('POST', '/api/auth/password', {
      cookie: here,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'amira’s new passphrase' },
    });
    expect(changed.statusCode).toBe(200);
    await Promise.all(streams.map((s) => s.ended));
    // This browser's new session opens a stream of its own.
    const fresh = await openEventStream(t, `waymark_session=${changed.cookies[0]?.value}`);
    await fresh.pokes(1);
    fresh.destroy();
    // Back to the shared test password for the other tests.
    await new UsersService(createUnitOfWork(t.testDb.database)).setPassword('amira', TEST_PASSWORD, {
      id: null,
      name: 'test',
    });
  });

  it('a session ended by another process, or gone idle, closes its stream at the next check', async () => {
    at('2026-04-01T10:00:00Z');
    // The streams' sessions are re-checked every 50 ms here (15 s by default).
    const w = await createTestApp(kind, {
      testDb: t.testDb,
      now: () => clock,
      security: { sessionIdleMinutes: 30, sessionAbsoluteHours: 2, sessionStreamCheckSeconds: 0.05 },
    });
    try {
      const elsewhere = await w.login('amira');
      const idle = await w.login('bilal');
      const ended = await openEventStream(w, elsewhere);
      const idling = await openEventStream(w, idle);
      await Promise.all([ended.pokes(1), idling.pokes(1)]);

      // Another process (the CLI, a second server) deletes the session straight from the database.
      const otherProcess = createUnitOfWork(t.testDb.database);
      expect(await otherProcess.read.sessions.delete(hashToken(tokenOf(elsewhere)))).toBe(1);
      await ended.ended;
      expect(idling.isEnded()).toBe(false);

      at('2026-04-01T10:31:00Z'); // 31 minutes without an action of Bilal's
      await idling.ended;
      expect((await w.call('GET', '/api/auth/me', { cookie: idle })).statusCode).toBe(401);

      // `waymark user disable` (another process): the user's streams close too.
      const disabledSoon = await openEventStream(w, await w.login('amira'));
      await disabledSoon.pokes(1);
      const cli = new UsersService(otherProcess);
      expect(await cli.setDisabled('amira', true, { id: null, name: 'cli:test' })).toMatchObject({
        ok: true,
      });
      await disabledSoon.ended;
      await cli.setDisabled('amira', false, { id: null, name: 'cli:test' });
    } finally {
      await w.close();
    }
  });

  it('background requests and the event stream do not keep a session alive; the analyst’s requests do', async () => {
    at('2026-04-01T11:00:00Z');
    const cookie = await t.login('amira');
    at('2026-04-01T11:20:00Z');
    expect((await t.call('GET', '/api/cases', { cookie, headers: background })).statusCode).toBe(200);
    at('2026-04-01T11:29:00Z');
    const stream = await openEventStream(t, cookie);
    expect(stream.status).toBe(200);
    stream.destroy();
    at('2026-04-01T11:31:00Z'); // 31 minutes after sign-in, the last action
    expect((await t.call('GET', '/api/cases', { cookie, headers: background })).statusCode).toBe(401);

    at('2026-04-01T12:00:00Z');
    const busy = await t.login('amira');
    at('2026-04-01T12:20:00Z');
    expect((await t.call('GET', '/api/cases', { cookie: busy })).statusCode).toBe(200);
    at('2026-04-01T12:45:00Z'); // 25 minutes after the action at 12:20: alive
    expect((await t.call('GET', '/api/cases', { cookie: busy, headers: background })).statusCode).toBe(200);
    at(new Date(Date.parse('2026-04-01T12:20:00Z') + 30 * MINUTE + 1000).toISOString());
    expect((await t.call('GET', '/api/auth/me', { cookie: busy, headers: background })).statusCode).toBe(401);
  });
});
