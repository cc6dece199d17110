import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import { ApiErrorBody } from '../contract/api-error.contract';
import { CaseListResponse, CaseView, MembersResponse } from '../contract/cases.contract';
import { addMember } from './testing/members';
import { createTestApp, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

describe.each(TEST_DATABASE_KINDS)('cases and members on %s', (kind) => {
  let t: TestApp;
  let owner: string;
  let analyst: string;
  let admin: string;
  let analystId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.addUser('olga', { organization: 'Unit O', contact: 'olga@o.example' });
    analystId = await t.addUser('anton', { organization: 'Unit A' });
    await t.addUser('root', { isAdmin: true });
    owner = await t.login('olga');
    analyst = await t.login('anton');
    admin = await t.login('root');
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a case keeping the client ULID, refuses the same id twice, and lists it for members only', async () => {
    const id = ulid();
    const created = await t.call('POST', '/api/cases', { cookie: owner, body: { id, name: '  Op   Kite ' } });
    expect(created.statusCode).toBe(201);
    expect(CaseView.parse(created.json())).toMatchObject({ id, name: 'Op Kite', role: 'owner' });
    const again = await t.call('POST', '/api/cases', { cookie: analyst, body: { id, name: 'Other' } });
    expect(again.statusCode).toBe(409);
    expect(
      (await t.call('POST', '/api/cases', { cookie: owner, body: { id: 'not-a-ulid', name: 'x' } }))
        .statusCode,
    ).toBe(400);
    expect((await t.call('POST', '/api/cases', { cookie: owner, body: { name: '   ' } })).statusCode).toBe(
      400,
    );
    const mine = CaseListResponse.parse((await t.call('GET', '/api/cases', { cookie: owner })).json());
    expect(mine.cases.map((c) => c.id)).toContain(id);
    const theirs = CaseListResponse.parse((await t.call('GET', '/api/cases', { cookie: analyst })).json());
    expect(theirs.cases.map((c) => c.id)).not.toContain(id);
  });

  it('lets an owner add, re-role and remove members, and keeps one owner', async () => {
    const { id } = CaseView.parse(
      (await t.call('POST', '/api/cases', { cookie: owner, body: { name: 'Op Heron' } })).json(),
    );
    const base = `/api/cases/${id}/members`;
    await addMember(t, owner, id, 'ANTON', 'analyst', analyst);
    const added = MembersResponse.parse((await t.call('GET', base, { cookie: owner })).json());
    expect(added.members.map((m) => [m.username, m.role, m.organization])).toEqual([
      ['olga', 'owner', 'Unit O'],
      ['anton', 'analyst', 'Unit A'],
    ]);
    expect(added.invitations).toEqual([]);
    const again = await t.call('POST', base, { cookie: owner, body: { username: 'anton', role: 'viewer' } });
    expect(again.statusCode).toBe(409);
    expect(ApiErrorBody.parse(again.json()).reason).toBe('already_member');

    // An analyst works on the case but cannot manage members.
    const asAnalyst = MembersResponse.parse((await t.call('GET', base, { cookie: analyst })).json());
    expect(asAnalyst).toMatchObject({ yourRole: 'analyst', canManage: false });
    expect(
      (await t.call('PATCH', `${base}/${analystId}`, { cookie: analyst, body: { role: 'owner' } }))
        .statusCode,
    ).toBe(403);

    const olgaId = added.members[0]?.userId ?? '';
    expect(
      (await t.call('PATCH', `${base}/${olgaId}`, { cookie: owner, body: { role: 'viewer' } })).statusCode,
    ).toBe(409);
    expect((await t.call('DELETE', `${base}/${olgaId}`, { cookie: owner })).statusCode).toBe(409);

    const promoted = MembersResponse.parse(
      (await t.call('PATCH', `${base}/${analystId}`, { cookie: owner, body: { role: 'owner' } })).json(),
    );
    expect(promoted.members.find((m) => m.userId === analystId)?.role).toBe('owner');
    const left = await t.call('DELETE', `${base}/${olgaId}`, { cookie: owner });
    expect(left.statusCode).toBe(200);
    expect(MembersResponse.parse(left.json())).toMatchObject({ yourRole: null, canManage: false });
    expect((await t.call('GET', `/api/cases/${id}`, { cookie: owner })).statusCode).toBe(404);

    const row = await t.testDb.database.db
      .selectFrom('cases')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(4);
  });

  it('gives an administrator who is not a member nothing of a case without break-glass (404)', async () => {
    const { id } = CaseView.parse(
      (await t.call('POST', '/api/cases', { cookie: owner, body: { name: 'Op Wren' } })).json(),
    );
    for (const url of [`/api/cases/${id}`, `/api/cases/${id}/members`])
      expect((await t.call('GET', url, { cookie: admin })).statusCode, url).toBe(404);
    const added = await t.call('POST', `/api/cases/${id}/members`, {
      cookie: admin,
      body: { username: 'root', role: 'owner' },
    });
    expect(added.statusCode).toBe(404);
    const adminCases = CaseListResponse.parse((await t.call('GET', '/api/cases', { cookie: admin })).json());
    expect(adminCases.cases.map((c) => c.id)).not.toContain(id);
  });

  it('writes each change and its audit entry together, with the actor and the case', async () => {
    const { id } = CaseView.parse(
      (await t.call('POST', '/api/cases', { cookie: owner, body: { name: 'Op Tern' } })).json(),
    );
    await addMember(t, owner, id, 'anton', 'viewer', analyst);
    const entries = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'subject', 'detail'])
      .where('case_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => [e.action, e.actor_name, e.subject])).toEqual([
      ['case.created', 'olga', null],
      ['member.invited', 'olga', analystId],
      ['member.accepted', 'anton', analystId],
    ]);
    expect(JSON.parse(entries[1]?.detail ?? '{}')).toEqual({
      role: 'viewer',
      username: 'anton',
      accountFound: true,
    });
    const head = await t.testDb.database.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    const count = await t.testDb.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(head.seq).toBe(Number(count.n));
  });

  it('keeps the chain gapless under concurrent changes', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.call('POST', '/api/cases', { cookie: analyst, body: { name: `Parallel ${i}` } }),
      ),
    );
    const rows = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['seq', 'prev_hash', 'entry_hash'])
      .orderBy('seq')
      .execute();
    rows.forEach((row, i) => {
      expect(row.seq).toBe(i + 1);
      if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]?.entry_hash);
    });
  });
});

describe('the OpenAPI document and security headers', () => {
  it('documents every contract route and sends a strict CSP', async () => {
    const t = await createTestApp('sqlite');
    try {
      const response = await t.call('GET', '/api/openapi.json');
      const doc = response.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/auth/login',
          '/api/cases',
          '/api/cases/{caseId}/members/{userId}',
          '/api/invitations/{invitationId}/accept',
        ]),
      );
      expect(Object.keys(doc.paths['/api/cases/{caseId}/members/{userId}'] ?? {})).toEqual([
        'patch',
        'delete',
      ]);
      const csp = String(response.headers['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
      ])
        expect(csp).toContain(directive);
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['cache-control']).toBe('no-store');
    } finally {
      await t.close();
    }
  });
});
