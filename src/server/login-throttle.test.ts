// Sign-in throttling, on SQLite and PostgreSQL: per account across addresses, per address across
// accounts (without shutting out the accounts that work from that address), kept in the database so
// that several server processes share it, and always a slowdown rather than a lockout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiErrorBody } from '../contract/api-error.contract';
import { openDatabase } from './db/database';
import { createTestApp, TEST_PASSWORD, type TestApp } from './testing/test-app';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from './testing/test-database';

const MINUTE = 60_000;

describe.each(TEST_DATABASE_KINDS)('sign-in throttling on %s', (kind) => {
  let testDb: TestDatabase;
  let clock = new Date('2026-06-01T08:00:00Z');
  const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await testDb.dispose();
  });

  const signIn = (t: TestApp, username: string, password: string, from?: string) =>
    t.call('POST', '/api/auth/login', {
      body: { username, password },
      ...(from ? { headers: { 'x-forwarded-for': from } } : {}),
    });
  const throttledLimits = (subject: string) =>
    testDb.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'auth.login_throttled')
      .where('subject', '=', subject)
      .execute()
      .then((rows) => rows.map((r) => (JSON.parse(r.detail) as { limit: string }).limit));

  it('40 wrong passwords for one account from 40 addresses: 20 are checked, then one guess per 45 s', async () => {
    // Behind a trusted proxy every request names its own client address.
    const t = await createTestApp(kind, { testDb, now: () => clock, security: { trustProxy: true } });
    try {
      await t.addUser('target-a');
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++)
        statuses.push((await signIn(t, 'target-a', `guess ${i}`, `198.51.100.${i}`)).statusCode);
      expect(statuses.slice(0, 20)).toEqual(Array<number>(20).fill(401));
      expect(statuses.slice(20)).toEqual(Array<number>(20).fill(429));
      expect(new Set(await throttledLimits('target-a'))).toEqual(new Set(['account']));

      // The right password waits too (nothing tells a guesser which guess was right)…
      const held = await signIn(t, 'target-a', TEST_PASSWORD, '203.0.113.9');
      expect(held.statusCode).toBe(429);
      // …but never long: at most one interval (15 min / 20 = 45 s).
      const wait = ApiErrorBody.parse(held.json()).retryAfterSeconds ?? 0;
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(45);
      later(wait * 1000);
      expect((await signIn(t, 'target-a', TEST_PASSWORD, '203.0.113.9')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('one address spraying usernames is slowed, but not for accounts that signed in from it before', async () => {
    later(60 * MINUTE);
    // No proxy trusted: every request comes from the same address (the proxy's, say).
    const t = await createTestApp(kind, { testDb, now: () => clock });
    try {
      await t.addUser('regular');
      await t.addUser('newcomer');
      expect((await signIn(t, 'regular', TEST_PASSWORD)).statusCode).toBe(200);
      for (let i = 0; i < 50; i++)
        expect((await signIn(t, `sprayed-${i}`, 'password123456')).statusCode, `attempt ${i}`).toBe(401);
      const refused = await signIn(t, 'sprayed-51', 'password123456');
      expect(refused.statusCode).toBe(429);
      expect(await throttledLimits('sprayed-51')).toEqual(['address']);
      // Someone who has not signed in from here before waits (at most 18 s: 15 min / 50)…
      const newcomer = await signIn(t, 'newcomer', TEST_PASSWORD);
      expect(newcomer.statusCode).toBe(429);
      expect(ApiErrorBody.parse(newcomer.json()).retryAfterSeconds).toBeLessThanOrEqual(18);
      // …the people who work behind this address are not shut out.
      expect((await signIn(t, 'regular', TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('two server processes on one database share the limits', async () => {
    later(60 * MINUTE);
    const first = await createTestApp(kind, { testDb, now: () => clock });
    // The second process opens the database on its own connection(s), as a second server would.
    const ownConnection = openDatabase({
      dataDir: testDb.env.DATA_DIR,
      databaseUrl: testDb.env.DATABASE_URL,
    });
    const second = await createTestApp(kind, {
      testDb: { ...testDb, database: ownConnection },
      now: () => clock,
    });
    try {
      await first.addUser('target-b');
      for (let i = 0; i < 3; i++)
        expect((await signIn(first, 'target-b', `guess ${i}`)).statusCode).toBe(401);
      for (let i = 3; i < 5; i++)
        expect((await signIn(second, 'target-b', `guess ${i}`)).statusCode).toBe(401);
      expect((await signIn(first, 'target-b', 'guess 5')).statusCode).toBe(429);
      expect((await signIn(second, 'target-b', TEST_PASSWORD)).statusCode).toBe(429);
      // Parallel guesses through both processes: no more get checked than the limits allow.
      later(60 * MINUTE);
      await first.addUser('target-c');
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => signIn(i % 2 ? first : second, 'target-c', `guess ${i}`)),
      );
      const statuses = answers.map((a) => a.statusCode);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    } finally {
      await first.close();
      await second.close();
      await ownConnection.close();
    }
  });

  it('a successful sign-in starts the account-from-address limit over and gives its charge back', async () => {
    later(60 * MINUTE);
    const t = await createTestApp(kind, { testDb, now: () => clock });
    try {
      await t.addUser('typo-prone');
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 4; i++)
          expect((await signIn(t, 'typo-prone', `typo ${round}-${i}`)).statusCode).toBe(401);
        expect((await signIn(t, 'typo-prone', TEST_PASSWORD)).statusCode).toBe(200);
      }
    } finally {
      await t.close();
    }
  });

  it('a name no account can have (control characters, NUL) is refused like any wrong name, and throttled', async () => {
    later(60 * MINUTE);
    const t = await createTestApp(kind, { testDb, now: () => clock });
    try {
      const hostile = 'ghost\u0000\u001b[2J';
      const first = await signIn(t, hostile, 'password123456');
      expect(first.statusCode).toBe(401);
      expect(first.json()).toEqual((await signIn(t, 'nobody-at-all', 'password123456')).json());
      for (let i = 0; i < 4; i++) expect((await signIn(t, hostile, `guess ${i}`)).statusCode).toBe(401);
      expect((await signIn(t, hostile, 'guess 5')).statusCode).toBe(429);
      const trail = await testDb.database.db
        .selectFrom('audit_log')
        .select('subject')
        .where('subject', '=', 'ghost\\u0000\\u001b[2J')
        .execute();
      expect(trail).toHaveLength(6);
    } finally {
      await t.close();
    }
  });
});
