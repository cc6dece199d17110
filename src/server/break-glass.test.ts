// Break-glass (issue 15): an administrator who is not a member reaches a case only by opening it with a
// reason; the grant lets them manage its members for BREAK_GLASS_MINUTES, is audited with the reason,
// is shown to the owners, and lapses. On SQLite and PostgreSQL through the real routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiErrorBody } from '../contract/api-error.contract';
import {
  BREAK_GLASS_MINUTES,
  BREAK_GLASS_REASON_MAX_LENGTH,
  CaseView,
  MembersResponse,
} from '../contract/cases.contract';
import { acceptInvitation, addMember } from './testing/members';
import { TestSyncClient } from './testing/sync-client';
import { createTestApp, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

describe.each(TEST_DATABASE_KINDS)('break-glass on %s', (kind) => {
  let t: TestApp;
  let clock = new Date('2026-07-01T12:00:00.000Z');
  let owner: string;
  let analyst: string;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    await t.addUser('olga', { displayName: 'Olga O' });
    await t.addUser('anton');
    await t.addUser('vera');
    adminId = await t.addUser('root', { isAdmin: true, displayName: 'Root Admin' });
    owner = await t.login('olga');
    analyst = await t.login('anton');
    admin = await t.login('root');
  });
  afterAll(async () => {
    await t.close();
  });

  const newCase = async (name: string) =>
    CaseView.parse((await t.call('POST', '/api/cases', { cookie: owner, body: { name } })).json()).id;
  const breakGlass = (cookie: string, caseId: string, reason: unknown) =>
    t.call('POST', `/api/cases/${caseId}/break-glass`, { cookie, body: { reason } });
  const members = async (cookie: string, caseId: string) =>
    t.call('GET', `/api/cases/${caseId}/members`, { cookie });

  it('needs a reason, non-empty and bounded', async () => {
    const caseId = await newCase('Op Reasonless');
    for (const reason of [undefined, '', '   ', 'x'.repeat(BREAK_GLASS_REASON_MAX_LENGTH + 1), 42]) {
      const refused = await breakGlass(admin, caseId, reason);
      expect(refused.statusCode, JSON.stringify(reason)).toBe(400);
      expect(ApiErrorBody.parse(refused.json()).error).toBe('bad_request');
    }
    expect((await members(admin, caseId)).statusCode).toBe(404);
    const opened = await t.testDb.database.db
      .selectFrom('case_break_glass')
      .select('id')
      .where('case_id', '=', caseId)
      .execute();
    expect(opened).toEqual([]);
  });

  it('is for administrators only: others get 404 (non-members) or 403 (members), audited', async () => {
    const caseId = await newCase('Op Closed');
    expect((await breakGlass(analyst, caseId, 'curious')).statusCode).toBe(404);
    await addMember(t, owner, caseId, 'anton', 'analyst', analyst);
    expect((await breakGlass(analyst, caseId, 'curious')).statusCode).toBe(403);
    expect((await breakGlass(admin, '01JDQ7ZK3M8V4N2X9R5T6W7Y8Z', 'no such case')).statusCode).toBe(404);
    const denied = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'detail'])
      .where('case_id', '=', caseId)
      .where('action', '=', 'access.denied')
      .orderBy('seq')
      .execute();
    expect(denied.map((d) => [d.actor_name, JSON.parse(d.detail) as unknown])).toEqual([
      ['anton', { attempted: 'break-glass', answer: 'not_found' }],
      ['anton', { attempted: 'break-glass', answer: 'forbidden' }],
    ]);
  });

  it('lets the administrator manage members for a while, audited with the reason and shown to the owners', async () => {
    const caseId = await newCase('Op Vault');
    const opened = await breakGlass(admin, caseId, '  Owner Olga left the unit; ticket #4411  ');
    expect(opened.statusCode).toBe(201);
    const asAdmin = MembersResponse.parse(opened.json());
    expect(asAdmin).toMatchObject({ yourRole: null, canManage: true });
    const expiresAt = new Date(clock.getTime() + BREAK_GLASS_MINUTES * 60_000).toISOString();
    expect(asAdmin.breakGlass).toEqual([
      {
        username: 'root',
        displayName: 'Root Admin',
        reason: 'Owner Olga left the unit; ticket #4411',
        openedAt: clock.toISOString(),
        expiresAt,
      },
    ]);
    const trail = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'detail'])
      .where('case_id', '=', caseId)
      .where('action', '=', 'case.break_glass')
      .execute();
    expect(trail.map((e) => [e.actor_id, JSON.parse(e.detail) as unknown])).toEqual([
      [adminId, { reason: 'Owner Olga left the unit; ticket #4411', expiresAt }],
    ]);

    // Members, never records: the case itself stays closed to the administrator.
    expect((await t.call('GET', `/api/cases/${caseId}`, { cookie: admin })).statusCode).toBe(403);
    expect((await new TestSyncClient(t, admin).bootstrap({ caseId })).statusCode).toBe(404);
    // The administrator invites an owner; the invitee accepts.
    const invited = await t.call('POST', `/api/cases/${caseId}/members`, {
      cookie: admin,
      body: { username: 'anton', role: 'owner' },
    });
    expect(invited.statusCode).toBe(201);
    await acceptInvitation(t, analyst, caseId);

    // The owners (Olga, and Anton now) see who opened their case, when and why; a viewer does not.
    for (const cookie of [owner, analyst])
      expect(MembersResponse.parse((await members(cookie, caseId)).json()).breakGlass).toEqual(
        asAdmin.breakGlass,
      );
    await addMember(t, owner, caseId, 'vera', 'viewer');
    expect(MembersResponse.parse((await members(await t.login('vera'), caseId)).json()).breakGlass).toEqual(
      [],
    );

    // An hour later the grant has lapsed: 404 again, and the owners still see the opening.
    clock = new Date(clock.getTime() + BREAK_GLASS_MINUTES * 60_000);
    expect((await members(admin, caseId)).statusCode).toBe(404);
    expect(
      (
        await t.call('POST', `/api/cases/${caseId}/members`, {
          cookie: admin,
          body: { username: 'root', role: 'owner' },
        })
      ).statusCode,
    ).toBe(404);
    expect(MembersResponse.parse((await members(owner, caseId)).json()).breakGlass).toHaveLength(1);
  });
});
