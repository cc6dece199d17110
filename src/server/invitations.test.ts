// Members by invitation (issue 15): adding a member invites, and says nothing about whether the username
// exists; only the invitee's acceptance makes them a member; notices name accepted owners only. On
// SQLite and PostgreSQL through the real routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import {
  CaseListResponse,
  CaseView,
  MembersResponse,
  MyInvitationsResponse,
  type CaseRole,
} from '../contract/cases.contract';
import { acceptInvitation, inviteMember } from './testing/members';
import { mediaPut, seriesPut as series } from './testing/mutations';
import { TestSyncClient } from './testing/sync-client';
import { createTestApp, TEST_PASSWORD, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

const media = (caseId: string, seriesId: string, md5: string) => mediaPut(caseId, ulid(), seriesId, md5);

describe.each(TEST_DATABASE_KINDS)('members by invitation on %s', (kind) => {
  let t: TestApp;
  let olga: string;
  let nadia: string;
  let otto: string;
  let nadiaId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.addUser('olga', { displayName: 'Olga O', organization: 'Unit O', contact: 'olga@o.example' });
    nadiaId = await t.addUser('nadia', {
      displayName: 'Nadia N',
      organization: 'Unit N',
      contact: 'nadia@n.example',
    });
    await t.addUser('otto', { organization: 'Unit T', contact: 'otto@t.example' });
    await t.addUser('dora', { organization: 'Unit D', contact: 'dora@d.example' });
    olga = await t.login('olga');
    nadia = await t.login('nadia');
    otto = await t.login('otto');
    const dora = await t.login('dora');
    // Dora's account is disabled: to an inviter she is like a username nobody has.
    const doraId = (await t.call('GET', '/api/auth/me', { cookie: dora })).json<{ user: { id: string } }>()
      .user.id;
    await t.testDb.database.db
      .updateTable('users')
      .set({ disabled_at: '2026-01-01T00:00:00.000Z' })
      .where('id', '=', doraId)
      .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  const newCase = async (cookie: string, name: string) =>
    CaseView.parse((await t.call('POST', '/api/cases', { cookie, body: { name } })).json()).id;
  const invite = (cookie: string, caseId: string, username: string, role: CaseRole = 'analyst') =>
    t.call('POST', `/api/cases/${caseId}/members`, { cookie, body: { username, role } });
  /** The invitations the user behind `cookie` sees, to `caseId` (each test has its own cases). */
  const mine = async (cookie: string, caseId: string) =>
    MyInvitationsResponse.parse(
      (await t.call('GET', '/api/invitations', { cookie })).json(),
    ).invitations.filter((i) => i.caseId === caseId);
  const trail = async (caseId: string) =>
    (
      await t.testDb.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_name', 'subject', 'detail'])
        .where('case_id', '=', caseId)
        .where('action', 'like', 'member.%')
        .orderBy('seq')
        .execute()
    ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));

  it('answers an invitation the same way whether or not the username exists, and shows no unit or contact', async () => {
    const caseId = await newCase(olga, 'Op Gannet');
    const answers = [];
    for (const username of ['nadia', 'nobody-by-this-name', 'dora']) {
      const response = await invite(olga, caseId, username);
      answers.push({ status: response.statusCode, headers: Object.keys(response.headers).sort() });
      const body = MembersResponse.parse(response.json());
      const invitation = body.invitations.find((i) => i.username === username);
      expect(Object.keys(invitation ?? {}).sort()).toEqual(['id', 'invitedAt', 'role', 'username']);
      expect(body.members.map((m) => m.username)).toEqual(['olga']);
      for (const secret of ['Unit N', 'nadia@n.example', 'Nadia N', 'Unit D', 'dora@d.example'])
        expect(response.body).not.toContain(secret);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    // The three pending invitations look alike to the inviter: the username as typed, the role, a time.
    const listed = MembersResponse.parse(
      (await t.call('GET', `/api/cases/${caseId}/members`, { cookie: olga })).json(),
    );
    expect(listed.invitations.map((i) => [i.username, i.role])).toEqual([
      ['nadia', 'analyst'],
      ['nobody-by-this-name', 'analyst'],
      ['dora', 'analyst'],
    ]);
    // Inviting again renews the one invitation (a new role), for an unknown name as for a known one.
    for (const username of ['NADIA', 'nobody-by-this-name'])
      expect((await invite(olga, caseId, username, 'viewer')).statusCode).toBe(201);
    const renewed = MembersResponse.parse(
      (await t.call('GET', `/api/cases/${caseId}/members`, { cookie: olga })).json(),
    );
    expect(renewed.invitations.map((i) => [i.username, i.role])).toEqual([
      ['dora', 'analyst'],
      ['NADIA', 'viewer'],
      ['nobody-by-this-name', 'viewer'],
    ]);
    const invited = (await trail(caseId)).filter((e) => e.action === 'member.invited');
    expect(invited.map((e) => [e.actor_name, e.subject, e.detail.accountFound])).toEqual([
      ['olga', nadiaId, true],
      ['olga', null, false],
      ['olga', null, false],
      ['olga', nadiaId, true],
      ['olga', null, false],
    ]);
  });

  it('gives the invitee nothing before they accept, and the case after', async () => {
    const caseId = await newCase(olga, 'Op Petrel');
    await new TestSyncClient(t, olga).push(series(caseId, ulid()));
    const nc = new TestSyncClient(t, nadia);
    await nc.pull();
    await inviteMember(t, olga, caseId, 'nadia', 'analyst');

    // Pending: the invitee sees the invitation (case name, inviter, role) and nothing of the case.
    expect(await mine(nadia, caseId)).toEqual([
      expect.objectContaining({ caseId, caseName: 'Op Petrel', role: 'analyst', invitedBy: 'Olga O' }),
    ]);
    for (const url of [`/api/cases/${caseId}`, `/api/cases/${caseId}/members`])
      expect((await t.call('GET', url, { cookie: nadia })).statusCode, url).toBe(404);
    expect((await nc.bootstrap({ caseId })).statusCode).toBe(404);
    expect((await nc.pull()).filter((c) => c.caseId === caseId)).toEqual([]);
    const list = CaseListResponse.parse((await t.call('GET', '/api/cases', { cookie: nadia })).json());
    expect(list.cases.map((c) => c.id)).not.toContain(caseId);
    // A pending owner invitation is no owner: the only accepted owner still cannot leave.
    const olgaId = MembersResponse.parse(
      (await t.call('GET', `/api/cases/${caseId}/members`, { cookie: olga })).json(),
    ).members[0]?.userId;
    expect(
      (await t.call('DELETE', `/api/cases/${caseId}/members/${olgaId}`, { cookie: olga })).statusCode,
    ).toBe(409);

    // Someone else cannot answer it.
    const [invitation] = await mine(nadia, caseId);
    expect(await mine(otto, caseId)).toEqual([]);
    for (const verb of ['accept', 'decline'])
      expect(
        (await t.call('POST', `/api/invitations/${invitation?.id}/${verb}`, { cookie: otto, body: {} }))
          .statusCode,
      ).toBe(404);

    // Accepted: a member, granted through the stream, and the case in her list.
    const accepted = await t.call('POST', `/api/invitations/${invitation?.id}/accept`, {
      cookie: nadia,
      body: {},
    });
    expect(accepted.statusCode).toBe(200);
    expect(CaseView.parse(accepted.json())).toMatchObject({ id: caseId, role: 'analyst' });
    expect(await mine(nadia, caseId)).toEqual([]);
    expect((await nc.pull()).filter((c) => c.caseId === caseId).map((c) => c.kind)).toContain('case_granted');
    expect((await nc.bootstrap({ caseId })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/cases/${caseId}`, { cookie: nadia })).statusCode).toBe(200);
    const after = CaseListResponse.parse((await t.call('GET', '/api/cases', { cookie: nadia })).json());
    expect(after.cases.map((c) => c.id)).toContain(caseId);
    // Spent: it cannot be accepted twice.
    expect(
      (await t.call('POST', `/api/invitations/${invitation?.id}/accept`, { cookie: nadia, body: {} }))
        .statusCode,
    ).toBe(404);
    expect((await trail(caseId)).map((e) => [e.action, e.actor_name])).toEqual([
      ['member.invited', 'olga'],
      ['member.accepted', 'nadia'],
    ]);
    const denied = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'subject'])
      .where('action', '=', 'access.denied')
      .where('subject', '=', invitation?.id ?? '')
      .execute();
    expect(denied.map((d) => d.actor_name)).toEqual(['otto', 'otto', 'nadia']);
  });

  it('grants nothing for a declined or withdrawn invitation, nor one made before the account existed', async () => {
    const caseId = await newCase(olga, 'Op Shag');
    await inviteMember(t, olga, caseId, 'nadia', 'viewer');
    const [declined] = await mine(nadia, caseId);
    expect(
      (await t.call('POST', `/api/invitations/${declined?.id}/decline`, { cookie: nadia, body: {} }))
        .statusCode,
    ).toBe(200);
    expect((await t.call('GET', `/api/cases/${caseId}`, { cookie: nadia })).statusCode).toBe(404);
    expect(
      (await t.call('POST', `/api/invitations/${declined?.id}/accept`, { cookie: nadia, body: {} }))
        .statusCode,
    ).toBe(404);

    const withdrawnId = await inviteMember(t, olga, caseId, 'otto', 'analyst');
    const withdrawn = await t.call('DELETE', `/api/cases/${caseId}/invitations/${withdrawnId}`, {
      cookie: olga,
      body: {},
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(MembersResponse.parse(withdrawn.json()).invitations).toEqual([]);
    expect(await mine(otto, caseId)).toEqual([]);
    expect(
      (await t.call('POST', `/api/invitations/${withdrawnId}/accept`, { cookie: otto, body: {} })).statusCode,
    ).toBe(404);
    expect((await t.call('GET', `/api/cases/${caseId}`, { cookie: otto })).statusCode).toBe(404);
    // Only a manager withdraws, and only on its own case.
    const other = await inviteMember(t, olga, caseId, 'otto', 'analyst');
    expect(
      (await t.call('DELETE', `/api/cases/${caseId}/invitations/${other}`, { cookie: nadia, body: {} }))
        .statusCode,
    ).toBe(404);
    const elsewhere = await newCase(olga, 'Op Elsewhere');
    expect(
      (await t.call('DELETE', `/api/cases/${elsewhere}/invitations/${other}`, { cookie: olga, body: {} }))
        .statusCode,
    ).toBe(404);

    // An account created after the invitation under that name cannot take it.
    await inviteMember(t, olga, caseId, 'latecomer', 'owner');
    await t.addUser('latecomer');
    const latecomer = await t.login('latecomer', TEST_PASSWORD);
    expect(await mine(latecomer, caseId)).toEqual([]);
    expect((await t.call('GET', `/api/cases/${caseId}`, { cookie: latecomer })).statusCode).toBe(404);

    expect((await trail(caseId)).map((e) => [e.action, e.actor_name])).toEqual([
      ['member.invited', 'olga'],
      ['member.declined', 'nadia'],
      ['member.invited', 'olga'],
      ['member.invitation_withdrawn', 'olga'],
      ['member.invited', 'olga'],
      ['member.invited', 'olga'],
    ]);
  });

  it('refuses viewers, non-members and malformed requests on every invitation route', async () => {
    const caseId = await newCase(olga, 'Op Guard');
    await inviteMember(t, olga, caseId, 'nadia', 'viewer');
    await acceptInvitation(t, nadia, caseId);
    const pending = await inviteMember(t, olga, caseId, 'otto', 'analyst');
    // A viewer may neither invite nor withdraw; a non-member learns nothing (404).
    expect((await invite(nadia, caseId, 'dora')).statusCode).toBe(403);
    expect(
      (await t.call('DELETE', `/api/cases/${caseId}/invitations/${pending}`, { cookie: nadia, body: {} }))
        .statusCode,
    ).toBe(403);
    expect((await invite(otto, caseId, 'dora')).statusCode).toBe(404);
    // Malformed: a role outside the closed set, a missing field, a username of the wrong type or
    // empty, ids that are not ULIDs, a body where none is taken. Nothing of it is stored.
    for (const body of [
      { username: 'dora', role: 'admin' },
      { username: 'dora' },
      { username: '', role: 'viewer' },
      { username: 42, role: 'viewer' },
    ])
      expect(
        (await t.call('POST', `/api/cases/${caseId}/members`, { cookie: olga, body })).statusCode,
        JSON.stringify(body),
      ).toBe(400);
    expect(
      (await t.call('POST', '/api/invitations/not-a-ulid/accept', { cookie: otto, body: {} })).statusCode,
    ).toBe(400);
    expect(
      (await t.call('POST', `/api/invitations/${pending}/decline`, { cookie: otto, body: { why: 'x' } }))
        .statusCode,
    ).toBe(400);
    expect(await mine(otto, caseId)).toHaveLength(1);
    expect((await trail(caseId)).map((e) => e.action)).toEqual([
      'member.invited',
      'member.accepted',
      'member.invited',
    ]);
  });

  it('names only accepted owners in deconfliction notices', async () => {
    const held = await newCase(olga, 'Op Curlew');
    const probe = await newCase(otto, 'Op Probe');
    const owner = new TestSyncClient(t, olga);
    const prober = new TestSyncClient(t, otto);
    const [s1, s2] = [ulid(), ulid()];
    const notices = async () =>
      (await prober.pull()).filter((c) => c.kind === 'put' && c.entity === 'notices').map((c) => c.data);

    // Nadia is invited as owner but has not accepted: the notice names Olga.
    await inviteMember(t, olga, held, 'nadia', 'owner');
    await owner.push(series(held, s1), media(held, s1, 'c3'.repeat(16)));
    await prober.push(series(probe, s2), media(probe, s2, 'c3'.repeat(16)));
    expect((await notices()).at(-1)).toMatchObject({
      otherCaseId: held,
      otherOwner: { displayName: 'Olga O', organization: 'Unit O', contact: 'olga@o.example' },
    });

    // Once Nadia accepted and Olga left, notices written from then on name Nadia.
    await acceptInvitation(t, nadia, held);
    const olgaId = MembersResponse.parse(
      (await t.call('GET', `/api/cases/${held}/members`, { cookie: olga })).json(),
    ).members.find((m) => m.username === 'olga')?.userId;
    expect(
      (await t.call('DELETE', `/api/cases/${held}/members/${olgaId}`, { cookie: olga })).statusCode,
    ).toBe(200);
    await prober.push(media(probe, s2, 'd4'.repeat(16)));
    await new TestSyncClient(t, nadia).push(media(held, s1, 'd4'.repeat(16)));
    expect((await notices()).at(-1)).toMatchObject({
      otherCaseId: held,
      otherOwner: { displayName: 'Nadia N', organization: 'Unit N', contact: 'nadia@n.example' },
    });
  });
});
