import 'fake-indexeddb/auto';

import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';

import { WaymarkDatabase } from './database';
import { SCHEMA_VERSIONS } from './schema';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** Opens a database at an older version exactly as that version declared it. */
async function seedAt(version: number, seed: (db: Dexie) => Promise<void>): Promise<string> {
  const name = `upgrade-${version}-${Math.random()}`;
  names.push(name);
  const old = new Dexie(name);
  for (const v of SCHEMA_VERSIONS.filter((s) => s.version <= version))
    old.version(v.version).stores(v.stores);
  await old.open();
  await seed(old);
  old.close();
  return name;
}

describe('schema versions', () => {
  it('are numbered 1..n in order', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
  });

  it('version 1 -> 2 keeps cases, gives them the default category scheme, and adds the workspace tables', async () => {
    const name = await seedAt(1, async (db) => {
      await db.table('cases').add({
        id: '01JDQ7ZK3M8V4N2X9R5T6W7Y8Z',
        name: 'Old case',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
    });
    const db = new WaymarkDatabase(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
    const record = await db.cases.get('01JDQ7ZK3M8V4N2X9R5T6W7Y8Z' as never);
    expect(record).toMatchObject({ name: 'Old case', categoryScheme: 'vic-us' });
    expect(db.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'cases',
        'files',
        'ingestErrors',
        'media',
        'series',
        'settings',
        'suggestions',
        'thumbnails',
      ]),
    );
    expect(await db.media.count()).toBe(0);
    db.close();
  });

  it('version 2 -> 3 keeps the workspace and adds the lead tables, indexed for series and tags', async () => {
    const name = await seedAt(2, async (db) => {
      await db.table('series').add({ id: 'S1', caseId: 'C1', number: 1, name: '', size: 2 });
      await db.table('settings').add({ id: 'wellness', value: 1 });
    });
    const db = new WaymarkDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(3);
    expect(await db.series.get('S1' as never)).toMatchObject({ number: 1, size: 2 });
    expect(await db.settings.count()).toBe(1);
    expect(db.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['clueRevisions', 'seriesLeads', 'leadEvents', 'noteRevisions', 'clueCrops']),
    );
    expect(db.seriesLeads.schema.indexes.find((i) => i.name === 'tags')?.multi).toBe(true);
    expect(db.clueRevisions.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['caseId', 'seriesId', 'clueId', 'mediaId']),
    );
    db.close();
  });

  it('version 3 -> 4 keeps cases and media and adds the hash-list tables, indexed by list and case', async () => {
    const name = await seedAt(3, async (db) => {
      await db.table('media').add({ id: 'M1', caseId: 'C1', sha256: 'x', known: 0 });
      await db.table('seriesLeads').add({ id: 'S1', caseId: 'C1', seriesId: 'S1', status: 'open', tags: [] });
    });
    const db = new WaymarkDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(await db.media.get('M1' as never)).toMatchObject({ caseId: 'C1', known: 0 });
    expect(await db.seriesLeads.count()).toBe(1);
    expect(db.hashListEntries.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['listId', '[listId+ordinal]']),
    );
    expect(db.listMatches.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['caseId', 'mediaId', 'listId']),
    );
    expect(await db.hashLists.count()).toBe(0);
    db.close();
  });

  it('version 4 -> 5 keeps cases local (no team flag) and adds the sync tables, the outbox keyed by sequence', async () => {
    const name = await seedAt(4, async (db) => {
      await db
        .table('cases')
        .add({ id: 'C1', name: 'Old', createdAt: '', updatedAt: '', categoryScheme: 'vic-us' });
      await db.table('media').add({ id: 'M1', caseId: 'C1', sha256: 'x', known: 0 });
    });
    const db = new WaymarkDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    const record = await db.cases.get('C1' as never);
    expect(record?.team).toBeUndefined();
    expect(db.teamCases.size).toBe(0);
    expect(await db.media.count()).toBe(1);
    expect(db.outbox.schema.primKey).toMatchObject({ keyPath: 'seq', auto: true });
    expect(db.outbox.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['caseId', '[entity+entityId]']),
    );
    expect(db.syncConflicts.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['caseId', 'status']),
    );
    expect(db.notices.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['caseId', 'seriesId']),
    );
    expect(await db.syncState.count()).toBe(0);
    // A write to a local case after the upgrade goes to no outbox.
    await db.media.update('M1' as never, { known: 1 });
    expect(await db.outbox.count()).toBe(0);
    db.close();
  });

  it('version 5 -> 6 keeps media and adds the local grouping tables, found by case and by either image', async () => {
    const name = await seedAt(5, async (db) => {
      await db
        .table('cases')
        .add({ id: 'C1', name: 'Old', createdAt: '', updatedAt: '', categoryScheme: 'vic-us' });
      await db.table('media').add({ id: 'M1', caseId: 'C1', sha256: 'x', known: 0 });
    });
    const db = new WaymarkDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(6);
    expect(await db.media.count()).toBe(1);
    expect(await db.groupingSignals.count()).toBe(0);
    expect(db.groupingSignals.schema.indexes.map((i) => i.name)).toEqual(['caseId']);
    expect(db.seriesLinks.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['caseId', 'a', 'b']),
    );
    // Schema 8: videos shown in a second series, found per series of a case and per video.
    expect(db.videoSeriesLinks.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['caseId', '[caseId+seriesId]', 'mediaId']),
    );
    // Derived data of a case goes to no outbox, whatever the case.
    await db.groupingSignals.add({
      id: 'M1' as never,
      caseId: 'C1' as never,
      extra: { v: 1, width: 1, height: 1, turned: [], thumb: '' },
      features: {
        v: 1,
        width: 1,
        height: 1,
        xy: new Uint16Array(2),
        descriptors: new Uint32Array(8),
        regions: [],
      },
    });
    expect((await db.groupingSignals.get('M1' as never))?.features.descriptors).toBeInstanceOf(Uint32Array);
    expect(await db.outbox.count()).toBe(0);
    db.close();
  });

  it('version 6 -> 7 makes every earlier media record an image, and adds the video tables', async () => {
    const name = await seedAt(6, async (db) => {
      await db.table('media').add({ id: 'M1', caseId: 'C1', sha256: 'x', known: 0 });
      await db.table('media').add({ id: 'M2', caseId: 'C1', sha256: 'y', known: 0 });
    });
    const db = new WaymarkDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect((await db.media.toArray()).map((m) => m.kind)).toEqual(['image', 'image']);
    expect(await db.media.where('[caseId+kind]').equals(['C1', 'image']).count()).toBe(2);
    expect(db.videoFrames.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['caseId', 'mediaId']),
    );
    expect(await db.filmstrips.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    db.close();
  });
  it('version 8 -> 9 renames video series links to <mediaId>:<seriesId> and queues those of team cases', async () => {
    const name = await seedAt(8, async (db) => {
      await db.table('cases').bulkAdd([
        { id: 'CT', name: 'Team', team: true },
        { id: 'CL', name: 'Local' },
      ]);
      await db.table('videoSeriesLinks').bulkAdd([
        { id: 'V1>S2', caseId: 'CT', mediaId: 'V1', seriesId: 'S2', frames: 3 },
        { id: 'V2>S4', caseId: 'CL', mediaId: 'V2', seriesId: 'S4', frames: 1 },
      ]);
    });
    const db = new WaymarkDatabase(name);
    await db.open();
    expect(await db.videoSeriesLinks.toArray()).toEqual([
      { id: 'V1:S2', caseId: 'CT', mediaId: 'V1', seriesId: 'S2', frames: 3 },
      { id: 'V2:S4', caseId: 'CL', mediaId: 'V2', seriesId: 'S4', frames: 1 },
    ]);
    expect(await db.videoSeriesLinks.where('[caseId+seriesId]').equals(['CT', 'S2']).count()).toBe(1);
    // Only the team case's link goes to the server, whole, as a share would send it.
    expect(await db.outbox.toArray()).toMatchObject([
      {
        seq: 1,
        caseId: 'CT',
        entity: 'videoSeriesLinks',
        entityId: 'V1:S2',
        op: 'put',
        fields: { id: 'V1:S2', caseId: 'CT', mediaId: 'V1', seriesId: 'S2', frames: 3 },
      },
    ]);
    db.close();
  });
});
