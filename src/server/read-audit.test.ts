// Reads and reveals that can be reconstructed (issue 15), on SQLite and PostgreSQL through the real
// routes: `case.read` when a member's session downloads a case (bootstrap, or the first pull that
// brings its records), `notice.created` in both cases of a deconfliction match naming the account whose
// push found it, and the actor on every change a push applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import { CaseView } from '../contract/cases.contract';
import { addMember } from './testing/members';
import { mediaPut as media, seriesPut as series } from './testing/mutations';
import { TestSyncClient } from './testing/sync-client';
import { createTestApp, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

describe.each(TEST_DATABASE_KINDS)('read and reveal audit, on %s', (kind) => {
  let t: TestApp;
  let olgaCookie: string;
  let antonCookie: string;
  let olgaId: string;
  let antonId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    olgaId = await t.addUser('olga', { organization: 'Unit O', contact: 'olga@o.example' });
    antonId = await t.addUser('anton', { organization: 'Unit A', contact: 'anton@a.example' });
    olgaCookie = await t.login('olga');
    antonCookie = await t.login('anton');
  });
  afterAll(async () => {
    await t.close();
  });

  const newCase = async (cookie: string, name: string) =>
    CaseView.parse((await t.call('POST', '/api/cases', { cookie, body: { name } })).json()).id;

  async function trail(action: string, caseId?: string) {
    let query = t.testDb.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'actor_name', 'case_id', 'subject', 'detail', 'ip'])
      .where('action', '=', action)
      .orderBy('seq');
    if (caseId !== undefined) query = query.where('case_id', '=', caseId);
    return (await query.execute()).map((r) => ({
      ...r,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }

  it('audits case.read once per session and case: at bootstrap, and at the first pull of a case granted later', async () => {
    const first = await newCase(olgaCookie, 'Op Reader One');
    const second = await newCase(olgaCookie, 'Op Reader Two');
    const olga = new TestSyncClient(t, olgaCookie);
    await olga.push(series(first, ulid()));

    const anton = new TestSyncClient(t, antonCookie);
    // Anton is a member of the first case only when he bootstraps.
    const grant = (caseId: string) => addMember(t, olgaCookie, caseId, 'anton', 'analyst', antonCookie);
    await grant(first);
    expect((await anton.bootstrap()).statusCode).toBe(200);
    expect(await trail('case.read', first)).toEqual([
      expect.objectContaining({
        actor_id: antonId,
        actor_name: 'anton',
        detail: { via: 'bootstrap', clientId: anton.clientId },
      }),
    ]);
    // Pulling the same case again in the same session is not a new read; nor is a second bootstrap.
    await olga.push(series(first, ulid()));
    await anton.pull();
    expect((await anton.bootstrap()).statusCode).toBe(200);
    expect(await trail('case.read', first)).toHaveLength(1);

    // A case granted later and first seen through a pull is read then.
    await olga.push(series(second, ulid()));
    await grant(second);
    await anton.pull();
    expect(await trail('case.read', second)).toEqual([
      expect.objectContaining({ actor_id: antonId, detail: { via: 'pull', clientId: anton.clientId } }),
    ]);
    // Nothing of a case he is not a member of is read (the pull carries none of it), so no entry.
    const third = await newCase(olgaCookie, 'Op Reader Three');
    await olga.push(series(third, ulid()));
    await anton.pull();
    expect(await trail('case.read', third)).toEqual([]);

    // A new session reads again: signing in anew is a new download.
    const again = new TestSyncClient(t, await t.login('anton'));
    await again.bootstrap({ caseId: first });
    expect(await trail('case.read', first)).toHaveLength(2);
    expect(await trail('case.read', second)).toHaveLength(1);
  });

  it('every change a push applied names its account; the push entry names the change seqs', async () => {
    const caseId = await newCase(olgaCookie, 'Op Actors');
    const olga = new TestSyncClient(t, olgaCookie);
    const s1 = ulid();
    const { latestSeq } = await olga.push(series(caseId, s1), media(caseId, ulid(), s1, 'c'.repeat(32)));
    const rows = await t.testDb.database.db
      .selectFrom('sync_changes')
      .select(['seq', 'kind', 'actor_id'])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'put')
      .where('entity', 'in', ['series', 'media'])
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.actor_id === olgaId)).toBe(true);
    const push = (await trail('sync.push', caseId)).at(-1);
    expect(push).toMatchObject({
      actor_id: olgaId,
      detail: { applied: 2, seqs: [expect.any(Number), latestSeq] },
    });
    const [from, to] = push?.detail.seqs as [number, number];
    expect(rows.every((r) => Number(r.seq) >= from && Number(r.seq) <= to)).toBe(true);
  });

  it('audits notice.created in both cases, naming the account whose push found the match', async () => {
    const mine = await newCase(olgaCookie, 'Op Harbour');
    const theirs = await newCase(antonCookie, 'Op Dock');
    const olga = new TestSyncClient(t, olgaCookie);
    const anton = new TestSyncClient(t, antonCookie);
    const [sO, sA] = [ulid(), ulid()];
    const md5 = 'd'.repeat(32);
    await olga.push(series(mine, sO), media(mine, ulid(), sO, md5));
    expect(await trail('notice.created', mine)).toEqual([]);
    await anton.push(series(theirs, sA), media(theirs, ulid(), sA, md5));

    const found = await trail('notice.created', theirs);
    const told = await trail('notice.created', mine);
    expect(found).toEqual([
      expect.objectContaining({
        actor_id: antonId,
        subject: `dcf:${theirs}:${sA}:${mine}`,
        detail: { otherCaseId: mine, seriesId: sA, direction: 'found', matchedImages: 1 },
      }),
    ]);
    expect(told).toEqual([
      expect.objectContaining({
        actor_id: antonId,
        subject: `dcf:${mine}:${sO}:${theirs}`,
        detail: { otherCaseId: theirs, seriesId: sO, direction: 'told', matchedImages: 1 },
      }),
    ]);
    // A second matching image updates the notices: no new notice, no new entry.
    await anton.push(media(theirs, ulid(), sA, md5));
    await olga.push(media(mine, ulid(), sO, 'e'.repeat(32)));
    expect(await trail('notice.created', theirs)).toHaveLength(1);
    expect(await trail('notice.created', mine)).toHaveLength(1);
  });
});
