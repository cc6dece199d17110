// Authorship from the account (issue 15): signed in, every lead event, lead, note, clue and notice
// acknowledgement is written by the server with the account that pushed it; what the browser typed in
// the author field is ignored. On SQLite and PostgreSQL, through the real push route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import { CaseView } from '../contract/cases.contract';
import { validRecord } from '../contract/records/testing/synced-fixtures';
import type { SyncedEntity } from '../contract/records/synced-records';
import { authorName } from '../contract/records/written-by';
import { addMember } from './testing/members';
import { putMutation as put } from './testing/mutations';
import { TestSyncClient } from './testing/sync-client';
import { createTestApp, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

describe('authorName', () => {
  it('names the display name and the username, and cuts the display name, never the username, to fit', () => {
    expect(authorName({ displayName: 'Olga Petrova', username: 'olga' })).toBe('Olga Petrova (olga)');
    expect(authorName({ displayName: 'olga', username: 'olga' })).toBe('olga');
    const long = authorName({ displayName: 'é'.repeat(300), username: 'u'.repeat(64) });
    expect([...long]).toHaveLength(200);
    expect(long.endsWith(` (${'u'.repeat(64)})`)).toBe(true);
  });
});

describe.each(TEST_DATABASE_KINDS)('authorship from the account, on %s', (kind) => {
  let t: TestApp;
  let olga: TestSyncClient;
  let anton: TestSyncClient;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.addUser('olga', { displayName: 'Olga Petrova' });
    await t.addUser('anton', { displayName: 'Anton Berg' });
    const olgaCookie = await t.login('olga');
    const antonCookie = await t.login('anton');
    olga = new TestSyncClient(t, olgaCookie);
    anton = new TestSyncClient(t, antonCookie);
    const created = await t.call('POST', '/api/cases', { cookie: olgaCookie, body: { name: 'Op Quill' } });
    caseId = CaseView.parse(created.json()).id;
    await addMember(t, olgaCookie, caseId, 'anton', 'analyst', antonCookie);
  });
  afterAll(async () => {
    await t.close();
  });

  async function stored(entity: SyncedEntity, id: string): Promise<Record<string, unknown>> {
    const row = await t.testDb.database.db
      .selectFrom('sync_entities')
      .select('data')
      .where('entity', '=', entity)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.data) as Record<string, unknown>;
  }

  it('writes the pushing account as the author of notes, clues, lead events and leads', async () => {
    const note = ulid();
    const clue = ulid();
    const event = ulid();
    const lead = ulid();
    await olga.push(
      put(caseId, 'noteRevisions', note, { ...validRecord('noteRevisions', caseId, note), by: 'Analyst' }),
      put(caseId, 'clueRevisions', clue, { ...validRecord('clueRevisions', caseId, clue), author: 'anton' }),
      put(caseId, 'leadEvents', event, { ...validRecord('leadEvents', caseId, event), by: 'Chief' }),
      put(caseId, 'seriesLeads', lead, { ...validRecord('seriesLeads', caseId, lead), updatedBy: 'anton' }),
    );
    expect(await stored('noteRevisions', note)).toMatchObject({ by: 'Olga Petrova (olga)' });
    expect(await stored('clueRevisions', clue)).toMatchObject({ author: 'Olga Petrova (olga)' });
    expect(await stored('leadEvents', event)).toMatchObject({ by: 'Olga Petrova (olga)' });
    expect(await stored('seriesLeads', lead)).toMatchObject({ updatedBy: 'Olga Petrova (olga)' });

    // A record sent again (a retry, or someone else's copy) cannot change who wrote it.
    await anton.push(
      put(caseId, 'noteRevisions', note, { ...validRecord('noteRevisions', caseId, note), by: 'Anton Berg' }),
    );
    expect(await stored('noteRevisions', note)).toMatchObject({ by: 'Olga Petrova (olga)' });
    // A lead names whoever wrote it last: Anton's edit is his, whatever he sends as the name.
    await anton.push(put(caseId, 'seriesLeads', lead, { tags: ['bag'], updatedBy: 'Olga Petrova (olga)' }));
    expect(await stored('seriesLeads', lead)).toMatchObject({
      tags: ['bag'],
      updatedBy: 'Anton Berg (anton)',
    });
    // The pushing browser receives the record as stored, with the account's name.
    const changes = await olga.pull();
    expect(changes.find((c) => c.kind === 'put' && c.id === event)?.data).toMatchObject({
      by: 'Olga Petrova (olga)',
    });
  });

  it('a notice is acknowledged by the account that acknowledged it, and un-acknowledged by nobody', async () => {
    // Notices are the server's; one is stored here directly as deconfliction would write it.
    const id = `dcf:${caseId}:s1:other`;
    const notice = {
      id,
      caseId,
      seriesId: 's1',
      otherCaseId: 'other',
      otherCaseName: 'Unit B case',
      otherOwner: { displayName: 'Bea', organization: 'Unit B', contact: 'bea@b.example' },
      matchedImages: 1,
      matchKinds: ['md5'],
      direction: 'found',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      acknowledgedAt: null,
      acknowledgedBy: null,
    };
    await t.testDb.database.db
      .insertInto('sync_entities')
      .values({
        case_id: caseId,
        entity: 'notices',
        id,
        data: JSON.stringify(notice),
        field_versions: '{}',
        deleted: 0,
        seq: 0,
        series_id: 's1',
        updated_at: '2026-01-01T00:00:00.000Z',
        data_version: 1,
      })
      .execute();

    await anton.push(
      put(caseId, 'notices', id, { acknowledgedAt: '2026-02-01T10:00:00.000Z', acknowledgedBy: 'olga' }),
    );
    expect(await stored('notices', id)).toMatchObject({
      acknowledgedAt: '2026-02-01T10:00:00.000Z',
      acknowledgedBy: 'Anton Berg (anton)',
    });
    // The name alone cannot be rewritten.
    await olga.push(put(caseId, 'notices', id, { acknowledgedBy: 'Olga Petrova (olga)' }));
    expect(await stored('notices', id)).toMatchObject({ acknowledgedBy: 'Anton Berg (anton)' });
    await olga.push(
      put(caseId, 'notices', id, { acknowledgedAt: null, acknowledgedBy: 'Olga Petrova (olga)' }),
    );
    expect(await stored('notices', id)).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null });
  });
});
