// The security table: each row one attack or mistake, each a test, on SQLite and on PostgreSQL.
import { spawnSync } from 'node:child_process';

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiErrorBody } from '../contract/api-error.contract';
import { CaseListResponse, CaseView } from '../contract/cases.contract';
import { addMember } from './testing/members';
import { createTestApp, TEST_PASSWORD, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

describe.each(TEST_DATABASE_KINDS)('security table on %s', (kind) => {
  let t: TestApp;
  let alice: string;
  let bob: string;
  let aliceCase: CaseView;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.addUser('alice', { organization: 'Unit A', contact: 'alice@unit-a.example' });
    await t.addUser('bob', { organization: 'Unit B' });
    await t.addUser('victor');
    alice = await t.login('alice');
    bob = await t.login('bob');
    const created = await t.call('POST', '/api/cases', {
      cookie: alice,
      body: { name: 'Operation Lighthouse' },
    });
    expect(created.statusCode).toBe(201);
    aliceCase = CaseView.parse(created.json());
    await addMember(t, alice, aliceCase.id, 'victor', 'viewer');
  });
  afterAll(async () => {
    await t.close();
  });

  it('no session → 401 on every protected route', async () => {
    for (const [method, url] of [
      ['GET', '/api/cases'],
      ['POST', '/api/cases'],
      ['GET', '/api/auth/me'],
      ['GET', `/api/cases/${aliceCase.id}/members`],
    ] as const) {
      const response = await t.call(method, url, { body: { name: 'x' } });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(ApiErrorBody.parse(response.json()).error).toBe('unauthenticated');
    }
    const forged = await t.call('GET', '/api/cases', { cookie: 'waymark_session=' + 'A'.repeat(43) });
    expect(forged.statusCode).toBe(401);
  });

  it("other tenant's case → 404, and it never shows in their list", async () => {
    const list = CaseListResponse.parse((await t.call('GET', '/api/cases', { cookie: bob })).json());
    expect(list.cases.map((c) => c.id)).not.toContain(aliceCase.id);
    for (const url of [`/api/cases/${aliceCase.id}`, `/api/cases/${aliceCase.id}/members`]) {
      expect((await t.call('GET', url, { cookie: bob })).statusCode, url).toBe(404);
    }
    const add = await t.call('POST', `/api/cases/${aliceCase.id}/members`, {
      cookie: bob,
      body: { username: 'bob', role: 'owner' },
    });
    expect(add.statusCode).toBe(404);
    const denials = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'case_id'])
      .where('action', '=', 'access.denied')
      .where('actor_name', '=', 'bob')
      .execute();
    expect(denials.length).toBeGreaterThanOrEqual(3);
    expect(denials.every((d) => d.case_id === aliceCase.id)).toBe(true);
  });

  it('viewer mutating → 403', async () => {
    const victor = await t.login('victor');
    expect((await t.call('GET', `/api/cases/${aliceCase.id}`, { cookie: victor })).statusCode).toBe(200);
    const add = await t.call('POST', `/api/cases/${aliceCase.id}/members`, {
      cookie: victor,
      body: { username: 'bob', role: 'analyst' },
    });
    expect(add.statusCode).toBe(403);
    expect(ApiErrorBody.parse(add.json()).error).toBe('forbidden');
    const members = await t.call('GET', `/api/cases/${aliceCase.id}/members`, { cookie: victor });
    expect(members.json<{ members: unknown[] }>().members).toHaveLength(2);
  });

  it('missing CSRF header → 403 (and a non-JSON body, a foreign Origin → 403)', async () => {
    const noHeader = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: alice, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Forged' }),
    });
    expect(noHeader.statusCode).toBe(403);
    expect(ApiErrorBody.parse(noHeader.json()).error).toBe('csrf');
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: {
        cookie: alice,
        'content-type': 'application/x-www-form-urlencoded',
        'x-waymark-request': '1',
      },
      payload: 'name=Forged',
    });
    expect(form.statusCode).toBe(403);
    const foreign = await t.call('POST', '/api/cases', {
      cookie: alice,
      body: { name: 'Forged' },
      headers: { origin: 'https://evil.example', host: 'localhost:8080' },
    });
    expect(foreign.statusCode).toBe(403);
    const own = await t.call('POST', '/api/cases', {
      cookie: alice,
      body: { name: 'Same origin' },
      headers: { origin: 'http://localhost:8080', host: 'localhost:8080', 'sec-fetch-site': 'same-origin' },
    });
    expect(own.statusCode).toBe(201);
    const list = CaseListResponse.parse((await t.call('GET', '/api/cases', { cookie: alice })).json());
    expect(list.cases.map((c) => c.name)).not.toContain('Forged');
  });

  it('oversized body → 413', async () => {
    const response = await t.call('POST', '/api/cases', {
      cookie: alice,
      body: { name: 'x'.repeat(70 * 1024) },
    });
    expect(response.statusCode).toBe(413);
    expect(ApiErrorBody.parse(response.json()).error).toBe('payload_too_large');
  });

  it('wrong password repeated → 429 with a short Retry-After, even for the right password', async () => {
    await t.addUser('mallory-target');
    const attempt = (password: string) =>
      t.call('POST', '/api/auth/login', { body: { username: 'mallory-target', password } });
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong password ${i}`)).statusCode).toBe(401);
    const limited = await attempt('wrong password 6');
    expect(limited.statusCode).toBe(429);
    // A slowdown, not a lockout: one more guess every 3 minutes (15 minutes / 5).
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(180);
    expect(ApiErrorBody.parse(limited.json()).retryAfterSeconds).toBe(Number(limited.headers['retry-after']));
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(429);
    // Another account from the same address is not locked by this one's failures.
    expect(
      (await t.call('POST', '/api/auth/login', { body: { username: 'bob', password: TEST_PASSWORD } }))
        .statusCode,
    ).toBe(200);
    const audited = await t.testDb.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject', '=', 'mallory-target')
      .execute();
    expect(audited.map((a) => a.action)).toEqual([
      ...Array<string>(5).fill('auth.login_failed'),
      'auth.login_throttled',
      'auth.login_throttled',
    ]);
  });

  it('parallel wrong passwords → no more than the limit are even checked', async () => {
    await t.addUser('parallel-target');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.call('POST', '/api/auth/login', { body: { username: 'parallel-target', password: `guess ${i}` } }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('SQL metacharacters in names are stored verbatim', async () => {
    const evilUser = `o'brien";DROP/**/TABLE/**/users;--`;
    await t.addUser(evilUser, {
      displayName: `Robert'); DROP TABLE users;--`,
      organization: `Unit'); DELETE FROM cases;--`,
    });
    const cookie = await t.login(evilUser);
    const name = `Robert'); DROP TABLE cases;-- % _ \\ "quoted"`;
    const created = await t.call('POST', '/api/cases', { cookie, body: { name } });
    expect(created.statusCode).toBe(201);
    const list = CaseListResponse.parse((await t.call('GET', '/api/cases', { cookie })).json());
    expect(list.cases.map((c) => c.name)).toEqual([name]);
    const me = await t.call('GET', '/api/auth/me', { cookie });
    expect(me.json()).toMatchObject({
      user: { username: evilUser, organization: `Unit'); DELETE FROM cases;--` },
    });
    // Everything else is still there.
    const aliceList = CaseListResponse.parse((await t.call('GET', '/api/cases', { cookie: alice })).json());
    expect(aliceList.cases.map((c) => c.name)).toContain('Operation Lighthouse');
  });

  it('a tampered audit row → `audit verify` fails and names it', async () => {
    const db = t.testDb.database.db;
    const verify = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify'], {
        env: { ...process.env, ...t.testDb.env },
        encoding: 'utf8',
      });
    const before = verify();
    expect(before.status, before.stderr).toBe(0);
    expect(before.stdout).toMatch(/audit trail intact: \d+ entries/);

    const target = await db
      .selectFrom('audit_log')
      .select(['seq', 'detail'])
      .where('action', '=', 'case.created')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    const forged = target.detail.replace('Operation Lighthouse', 'Operation Nothing');
    // The triggers refuse the edit and the delete...
    await expect(
      sql`update audit_log set detail = ${forged} where seq = ${target.seq}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = ${target.seq}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    // ...so the test goes around them on purpose, as someone with the database owner's rights could.
    if (kind === 'sqlite') await sql`drop trigger audit_log_no_update`.execute(db);
    else await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
    await sql`update audit_log set detail = ${forged} where seq = ${target.seq}`.execute(db);

    const after = verify();
    expect(after.status).toBe(1);
    expect(after.stdout).toContain(`BROKEN at entry ${target.seq} (entry_hash)`);
    expect(after.stdout).toContain('case.created');
  });
});
