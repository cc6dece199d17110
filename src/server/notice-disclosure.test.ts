// Deconfliction without an oracle (issue 15): a case's owners choose what notices show other cases of
// it. By default the owner's unit and contact, never the case name; an owner may add the name. On
// SQLite and PostgreSQL through the real routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import { CaseView, MembersResponse } from '../contract/cases.contract';
import { addMember } from './testing/members';
import { mediaPut, seriesPut as series } from './testing/mutations';
import { TestSyncClient } from './testing/sync-client';
import { createTestApp, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

const media = (caseId: string, seriesId: string, md5: string) => mediaPut(caseId, ulid(), seriesId, md5);

describe.each(TEST_DATABASE_KINDS)('what notices disclose, on %s', (kind) => {
  let t: TestApp;
  let olgaCookie: string;
  let antonCookie: string;
  let veraCookie: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.addUser('olga', { displayName: 'Olga O', organization: 'Unit O', contact: 'olga@o.example' });
    await t.addUser('anton', { organization: 'Unit A', contact: 'anton@a.example' });
    await t.addUser('vera');
    olgaCookie = await t.login('olga');
    antonCookie = await t.login('anton');
    veraCookie = await t.login('vera');
  });
  afterAll(async () => {
    await t.close();
  });

  const newCase = async (cookie: string, name: string) =>
    CaseView.parse((await t.call('POST', '/api/cases', { cookie, body: { name } })).json()).id;
  const setDisclosure = (cookie: string, caseId: string, disclosure: string) =>
    t.call('PATCH', `/api/cases/${caseId}/notice-disclosure`, { cookie, body: { disclosure } });
  const notices = async (client: TestSyncClient) =>
    (await client.pull()).filter((c) => c.kind === 'put' && c.entity === 'notices').map((c) => c.data);

  it('by default a notice names the owner’s unit and contact, not the case; an owner may show the name', async () => {
    const secret = await newCase(olgaCookie, 'Op Nightjar');
    const probe = await newCase(antonCookie, 'Op Probe');
    const olga = new TestSyncClient(t, olgaCookie);
    const anton = new TestSyncClient(t, antonCookie);
    const [s1, s2] = [ulid(), ulid()];
    await olga.push(series(secret, s1), media(secret, s1, 'a1'.repeat(16)));
    // Anton pushes a hash he holds (or claims to): he learns whom to call, not what the case is called.
    await anton.push(series(probe, s2), media(probe, s2, 'a1'.repeat(16)));
    const seen = await notices(anton);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      otherCaseId: secret,
      otherCaseName: '',
      otherOwner: { displayName: 'Olga O', organization: 'Unit O', contact: 'olga@o.example' },
    });
    expect(JSON.stringify(seen)).not.toContain('Nightjar');

    // Only an owner chooses: a member of another role is refused (and that is audited).
    const members = await t.call('GET', `/api/cases/${secret}/members`, { cookie: olgaCookie });
    expect(MembersResponse.parse(members.json()).noticeDisclosure).toBe('unit');
    await addMember(t, olgaCookie, secret, 'vera', 'analyst', veraCookie);
    expect((await setDisclosure(veraCookie, secret, 'unit-and-case')).statusCode).toBe(403);
    expect((await setDisclosure(antonCookie, secret, 'unit-and-case')).statusCode).toBe(404);
    expect((await setDisclosure(olgaCookie, secret, 'everything')).statusCode).toBe(400);

    const set = await setDisclosure(olgaCookie, secret, 'unit-and-case');
    expect(set.statusCode).toBe(200);
    expect(MembersResponse.parse(set.json()).noticeDisclosure).toBe('unit-and-case');
    const trail = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'detail'])
      .where('case_id', '=', secret)
      .where('action', 'in', ['case.notice_disclosure_set', 'access.denied'])
      .orderBy('seq')
      .execute();
    expect(trail.map((r) => [r.action, r.actor_name])).toEqual([
      ['access.denied', 'vera'],
      ['access.denied', 'anton'],
      ['case.notice_disclosure_set', 'olga'],
    ]);
    expect(JSON.parse(trail[2]?.detail ?? '{}')).toEqual({ from: 'unit', to: 'unit-and-case' });

    // A notice written from then on names the case.
    await anton.push(media(probe, s2, 'b2'.repeat(16)));
    await olga.push(media(secret, s1, 'b2'.repeat(16)));
    expect((await notices(anton)).at(-1)).toMatchObject({
      otherCaseId: secret,
      otherCaseName: 'Op Nightjar',
    });
  });
});
