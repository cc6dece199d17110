import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import type { MediaId } from '../../domain/case/media';
import { createCase } from '../db/cases.repository';
import { WaymarkDatabase } from '../db/database';
import { setCategories } from '../db/media.repository';
import { renameSeries } from '../db/series.repository';
import { applyChanges } from './apply-changes';
import { runApplying } from './applying';
import { resolveConflict, acknowledgeNotice } from './conflicts';
import { pullAll } from './pull';
import { shareCase } from './share-case';
import { SyncEngine } from './sync-engine';
import { APPLY_TABLES } from './sync-tables';
import { STATE, getCursor } from './sync-state';
import { FakeSyncServer } from './testing/fake-sync-server';
import { pickSynced } from '../../contract/records/synced-records';
import { fakeDigest, mediaRecord, seriesRecord } from '../db/testing/records';
import type { SyncTransport } from './transport';

const dbs: WaymarkDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function openDb(): WaymarkDatabase {
  const db = new WaymarkDatabase(`sync-${Math.random()}`);
  dbs.push(db);
  return db;
}

function notice(caseId: string) {
  return {
    id: 'dcf:1',
    caseId,
    seriesId: 'S1',
    otherCaseId: 'OTHER',
    otherCaseName: 'Other',
    otherOwner: { displayName: 'Carol', organization: 'Unit 2', contact: 'c@example.org' },
    matchedImages: 2,
    matchKinds: ['pdq' as const],
    direction: 'found' as const,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
  };
}

function engine(db: WaymarkDatabase, transport: SyncTransport, options = {}): SyncEngine {
  return new SyncEngine(db, { transport, pokes: false, locks: false, onStatus: () => undefined, ...options });
}

/** Analyst A with a shared case of two media in a series, synced; analyst B granted and synced. */
async function twoAnalysts() {
  const server = new FakeSyncServer();
  const a = openDb();
  const b = openDb();
  const made = await createCase(a, 'Operation Lantern');
  if (!made.ok) throw new Error('no case');
  const caseId = made.record.id;
  await a.series.add(seriesRecord(caseId, 'S1', { size: 2 }));
  await a.media.bulkAdd([
    mediaRecord(caseId, 'm1', { seriesId: 'S1' as never }),
    mediaRecord(caseId, 'm2', { seriesId: 'S1' as never }),
  ]);
  await a.thumbnails.add({ id: 'm1' as MediaId, blob: new Blob(['x']), width: 1, height: 1 });
  await shareCase(a, caseId, () => undefined, {
    createRemoteCase: (id) => Promise.resolve(server.createCase(id, 'alice')),
  });
  const engineA = engine(a, server.transport('alice'));
  const engineB = engine(b, server.transport('bob'));
  await engineA.syncOnce();
  await engineB.syncOnce(); // B's first sync: nothing of this case yet
  server.grant(caseId, 'bob');
  await engineB.syncOnce(); // pulls case_granted, then bootstraps that case
  return { server, a, b, caseId, engineA, engineB };
}

describe('sync engine against an in-memory server', () => {
  it('shares a case, and a granted colleague receives it whole (bootstrap of the granted case)', async () => {
    const { a, b, caseId, server } = await twoAnalysts();
    expect(await a.outbox.count()).toBe(0);
    expect(server.entities.size).toBe(4); // case, series, two media
    // The share went through whole: nothing refused, the case's own fields uploaded, no re-download.
    expect((await a.syncState.get(STATE.rejections))?.rejections ?? []).toEqual([]);
    expect(server.entities.get(`cases:${caseId}`)?.data).toMatchObject({
      name: 'Operation Lantern',
      categoryScheme: 'vic-us',
    });
    expect(await a.cases.get(caseId)).toMatchObject({ team: true, categoryScheme: 'vic-us' });
    expect(await a.syncState.get(STATE.bootstrap(caseId))).toBeUndefined();
    expect(await a.thumbnails.count()).toBe(1);
    expect((await b.cases.get(caseId))?.team).toBe(true);
    expect(b.teamCases.has(caseId)).toBe(true);
    const m1 = await b.media.get('m1' as MediaId);
    expect(m1).toMatchObject({ caseId, seriesId: 'S1', sha256: fakeDigest('sha256-m1', 64), known: 0 });
    expect(m1).toHaveProperty('serverSeq');
    expect(m1).toHaveProperty('fieldVersions');
    // The series size is a local count of the local media.
    expect((await b.series.get('S1' as never))?.size).toBe(2);
    // The engine's own writes went to no outbox.
    expect(await b.outbox.count()).toBe(0);
  });

  it('carries an edit from one analyst to the other, and pushes in batches of at most 500', async () => {
    const { a, b, engineA, engineB, server } = await twoAnalysts();
    await renameSeries(b, 'S1' as never, 'Beach set');
    expect(await b.outbox.count()).toBe(1);
    await engineB.syncOnce();
    await engineA.syncOnce();
    expect((await a.series.get('S1' as never))?.name).toBe('Beach set');
    expect(server.pushes.every((p) => p.mutations.length <= 500)).toBe(true);
  });

  it('applies a change only if it is newer than the record: stale, duplicated and re-ordered changes are no-ops', async () => {
    const db = openDb();
    await db.open();
    const put = (seq: number, name: string) =>
      ({
        seq,
        caseId: 'C',
        kind: 'put',
        entity: 'series',
        id: 'S',
        data: { ...pickSynced('series', seriesRecord('C', 'S')), name },
        fieldVersions: { name: seq },
      }) as const;
    await runApplying(db, APPLY_TABLES, () =>
      applyChanges(db, [put(7, 'seven'), put(5, 'five'), put(7, 'seven again')]),
    );
    expect(await db.series.get('S' as never)).toMatchObject({ name: 'seven', serverSeq: 7 });
    await runApplying(db, APPLY_TABLES, () => applyChanges(db, [put(6, 'six'), put(7, 'dup')]));
    expect(await db.series.get('S' as never)).toMatchObject({ name: 'seven', serverSeq: 7 });
    await runApplying(db, APPLY_TABLES, () =>
      applyChanges(db, [{ seq: 8, caseId: 'C', kind: 'delete', entity: 'series', id: 'S' }]),
    );
    expect(await db.series.get('S' as never)).toBeUndefined();
  });

  it('a repeated pull answer changes nothing: changes at or below the stored cursor are dropped', async () => {
    const { a, b, engineB, server, caseId } = await twoAnalysts();
    const real = server.transport('bob');
    let first: Awaited<ReturnType<SyncTransport['pull']>> | undefined;
    const replaying: SyncTransport = {
      ...real,
      pull: async (req) => {
        first ??= await real.pull(req);
        return first; // every pull answers with the first page again
      },
    };
    server.serverPut(caseId, 'series', 'S1', { name: 'first' });
    await engine(b, replaying).syncOnce();
    expect((await b.series.get('S1' as never))?.name).toBe('first');
    server.serverPut(caseId, 'series', 'S1', { name: 'second' });
    await engineB.syncOnce();
    expect((await b.series.get('S1' as never))?.name).toBe('second');
    await engine(b, replaying).syncOnce(); // the old page again: ignored
    expect((await b.series.get('S1' as never))?.name).toBe('second');
    expect(await a.outbox.count()).toBe(0);
  });

  it('re-applies pending local changes on top of a pulled change of the same record', async () => {
    const { b, engineB, server, caseId } = await twoAnalysts();
    await renameSeries(b, 'S1' as never, 'Mine, not pushed yet');
    server.serverPut(caseId, 'series', 'S1', { number: 9 });
    // Pull only (as if the push had not happened yet): the other writer's field arrives, my name stays.
    await pullAll(b, server.transport('bob'), 'x');
    expect(await b.series.get('S1' as never)).toMatchObject({ name: 'Mine, not pushed yet', number: 9 });
    await engineB.syncOnce();
    expect(server.entities.get('series:S1')?.data).toMatchObject({ name: 'Mine, not pushed yet', number: 9 });
  });

  it('purges every row of a revoked case, bytes and pending outbox rows included, without pushing deletes', async () => {
    const { a, b, engineB, server, caseId } = await twoAnalysts();
    await b.thumbnails.add({ id: 'm1' as MediaId, blob: new Blob(['x']), width: 1, height: 1 });
    await renameSeries(b, 'S1' as never, 'pending');
    // Pending push fails: the rename stays in the outbox while access is revoked.
    server.revoke(caseId, 'bob');
    await pullAll(b, server.transport('bob'), 'x');
    for (const table of ['cases', 'media', 'series', 'thumbnails', 'outbox'] as const)
      expect(await b.table(table).count()).toBe(0);
    expect(b.teamCases.has(caseId)).toBe(false);
    await engineB.syncOnce();
    expect(server.entities.get('series:S1')?.deleted).toBe(false);
    expect(await a.media.count()).toBe(2);
  });

  it('rolls back a refused change and keeps the reason (a code the UI words)', async () => {
    const { b, engineB } = await twoAnalysts();
    // Hashes are immutable: the server refuses, the client restores what the server holds.
    await b.media.update('m1' as MediaId, { sha256: 'tampered' });
    await engineB.syncOnce();
    expect((await b.media.get('m1' as MediaId))?.sha256).toBe(fakeDigest('sha256-m1', 64));
    const rejections = (await b.syncState.get(STATE.rejections))?.rejections ?? [];
    expect(rejections.at(-1)).toMatchObject({ entity: 'media', entityId: 'm1' });
    expect(rejections.at(-1)).toMatchObject({ reason: 'immutable_field', field: 'sha256' });
    expect(await b.outbox.count()).toBe(0);
  });

  it('removes a record the server does not have when its creation is refused', async () => {
    const { b, engineB, caseId } = await twoAnalysts();
    // Notices are the server's own: a client-made one is refused and, absent at the server, removed here.
    await b.notices.add({ ...notice(caseId), id: 'forged' });
    expect(await b.outbox.count()).toBe(1);
    await engineB.syncOnce();
    expect(await b.notices.get('forged')).toBeUndefined();
    expect((await b.syncState.get(STATE.rejections))?.rejections?.at(-1)?.reason).toBe('server_owned');
  });

  it('resumes an interrupted bootstrap where it stopped, then pulls from the first page’s cursor', async () => {
    const { server, caseId } = await twoAnalysts();
    const c = openDb();
    server.grant(caseId, 'carol');
    let crashes = 0;
    const crashing = engine(c, server.transport('carol'), {
      bootstrapLimit: 1,
      faults: {
        afterBootstrapPage: () => {
          if (crashes++ === 2) throw new Error('tab closed');
        },
      },
    });
    await expect(crashing.syncOnce()).rejects.toThrow('tab closed');
    expect(await getCursor(c)).toBeUndefined();
    expect(await c.syncState.get(STATE.bootstrap(null))).toMatchObject({ after: '2' });
    expect(await c.table('media').count()).toBe(1); // pages 1-2 stored (case, media m1), page 3 rolled back
    server.serverPut(caseId, 'series', 'S1', { name: 'during bootstrap' });
    await crashing.syncOnce();
    expect(await c.media.count()).toBe(2);
    expect(await c.series.get('S1' as never)).toMatchObject({ name: 'during bootstrap', size: 2 });
    expect(await getCursor(c)).toBe(server.counter);
    expect(await c.syncState.get(STATE.bootstrap(null))).toBeUndefined();
  });

  it('after 410 purges team rows and bootstraps again: what was deleted meanwhile disappears', async () => {
    const { b, engineB, server, caseId } = await twoAnalysts();
    server.serverDelete('media', 'm2');
    server.serverPut(caseId, 'series', 'S1', { name: 'renamed while away' });
    server.compact();
    await engineB.syncOnce();
    expect(await b.media.get('m2' as MediaId)).toBeUndefined();
    expect(await b.media.get('m1' as MediaId)).toBeDefined();
    expect(await b.series.get('S1' as never)).toMatchObject({ name: 'renamed while away', size: 1 });
    expect(await getCursor(b)).toBe(server.counter);
    expect(await b.outbox.count()).toBe(0);
  });

  it('a crash between applying a page and storing its cursor is impossible: both roll back together', async () => {
    const { b, server, caseId } = await twoAnalysts();
    const before = await getCursor(b);
    server.serverPut(caseId, 'series', 'S1', { name: 'after the crash' });
    const crashing = engine(b, server.transport('bob'), {
      faults: {
        afterApply: () => {
          throw new Error('browser killed');
        },
      },
    });
    await expect(crashing.syncOnce()).rejects.toThrow('browser killed');
    expect(await getCursor(b)).toBe(before);
    expect((await b.series.get('S1' as never))?.name).toBe('');
    await engine(b, server.transport('bob')).syncOnce();
    expect((await b.series.get('S1' as never))?.name).toBe('after the crash');
    expect(await getCursor(b)).toBe(server.counter);
  });

  it('surfaces a category conflict, shows the server value, and resolving "mine" sends it with the new base version', async () => {
    const { a, b, engineA, engineB, server } = await twoAnalysts();
    await setCategories(a, [{ id: 'm1' as MediaId, category: 1 }]);
    await setCategories(b, [{ id: 'm1' as MediaId, category: 2 }]);
    await engineA.syncOnce();
    await engineB.syncOnce();
    const [conflict] = await b.syncConflicts.toArray();
    expect(conflict).toMatchObject({
      entity: 'media',
      entityId: 'm1',
      field: 'category',
      mine: 2,
      theirs: 1,
      status: 'open',
    });
    expect(await b.media.get('m1' as MediaId)).toMatchObject({ category: 1, categorySlot: 1 });
    await resolveConflict(b, conflict?.id ?? '', 'mine');
    await engineB.syncOnce();
    await engineA.syncOnce();
    expect(server.entities.get('media:m1')?.data.category).toBe(2);
    expect(await a.media.get('m1' as MediaId)).toMatchObject({ category: 2, categorySlot: 2 });
    expect((await b.syncConflicts.get(conflict?.id ?? ''))?.status).toBe('resolved');
  });

  it('acknowledging a notice sends only the acknowledgement', async () => {
    const { b, engineB, server, caseId } = await twoAnalysts();
    const { id: _id, ...fields } = notice(caseId);
    server.serverPut(caseId, 'notices', 'dcf:1', fields);
    await engineB.syncOnce();
    await acknowledgeNotice(b, 'dcf:1', 'Bob');
    const [row] = await b.outbox.toArray();
    expect(Object.keys(row?.fields ?? {}).sort()).toEqual(['acknowledgedAt', 'acknowledgedBy']);
    await engineB.syncOnce();
    expect(server.entities.get('notices:dcf:1')?.data.acknowledgedBy).toBe('Bob');
  });
});
