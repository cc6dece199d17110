import 'fake-indexeddb/auto';

import { fakeDigest, mediaRecord } from '../db/testing/records';
import { afterEach, describe, expect, it } from 'vitest';

import type { CaseId } from '../../domain/case/ids';
import { UNSORTED, type MediaId } from '../../domain/case/media';
import { createCase } from '../db/cases.repository';
import { WaymarkDatabase } from '../db/database';
import { setCategories } from '../db/media.repository';
import { createSeriesFrom } from '../db/series.repository';
import { runApplying } from './applying';
import { markTeamCase } from './mark-team';
import type { MediaRecord } from '../db/records';

let db: WaymarkDatabase;
afterEach(async () => {
  await db.delete();
});

const media = (caseId: CaseId, id: string, over: Partial<MediaRecord> = {}): MediaRecord =>
  mediaRecord(caseId, id, over);

async function open(): Promise<{ team: CaseId; local: CaseId }> {
  db = new WaymarkDatabase(`outbox-${Math.random()}`);
  const team = await createCase(db, 'Team');
  const local = await createCase(db, 'Local');
  if (!team.ok || !local.ok) throw new Error('no case');
  await markTeamCase(db, team.record.id);
  return { team: team.record.id, local: local.record.id };
}

describe('outbox middleware', () => {
  it('writes a put with every synced field for a new record of a team case, and nothing for a local case', async () => {
    const { team, local } = await open();
    await db.media.bulkAdd([media(team, 'a'), media(local, 'b')]);
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ seq: 1, caseId: team, entity: 'media', entityId: 'a', op: 'put' });
    expect(row?.mutationId).toMatch(/^[0-9A-Z]{26}$/);
    // Local-only fields (known, seq, version) never leave the device.
    expect(row?.fields).not.toHaveProperty('known');
    expect(row?.fields).not.toHaveProperty('version');
    expect(row?.fields).not.toHaveProperty('seq');
    expect(row?.fields).toMatchObject({ sha256: fakeDigest('sha256-a', 64), seriesId: UNSORTED });
    expect(row?.previous).toBeUndefined();
  });

  it('sends only the changed synced fields, what they held, and the base version the writer saw', async () => {
    const { team } = await open();
    await db.media.add(media(team, 'a'));
    // As if pulled: the server holds version 3 of the category.
    await runApplying(db, [db.media], async () => {
      await db.media.update('a' as MediaId, { fieldVersions: { category: 3 } });
    });
    await db.outbox.clear();
    await setCategories(db, [{ id: 'a' as MediaId, category: 2 }], new Date('2026-02-02T00:00:00.000Z'));
    const [row] = await db.outbox.toArray();
    // categorySlot is derived from category on every device: not sent.
    expect(row?.fields).toEqual({ category: 2, updatedAt: '2026-02-02T00:00:00.000Z' });
    expect(row?.previous).toEqual({ category: null, updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(row?.baseVersions).toEqual({ category: 3 });
    // A second edit before any push names the version the first will have made (not a conflict with oneself).
    await setCategories(db, [{ id: 'a' as MediaId, category: 3 }]);
    expect((await db.outbox.toArray()).map((r) => r.baseVersions)).toEqual([
      { category: 3 },
      { category: 4 },
    ]);
  });

  it('writes nothing when only local-only fields change', async () => {
    const { team } = await open();
    await db.media.add(media(team, 'a'));
    await db.outbox.clear();
    await db.media.update('a' as MediaId, { known: 2, version: 5 });
    expect(await db.outbox.count()).toBe(0);
  });

  it('records the writes of a repository transaction (new series, membership moves) in order', async () => {
    const { team } = await open();
    await db.media.bulkAdd([media(team, 'a'), media(team, 'b')]);
    await db.outbox.clear();
    await createSeriesFrom(db, team, ['a' as MediaId, 'b' as MediaId]);
    const rows = await db.outbox.orderBy('seq').toArray();
    const seriesRow = rows.find((r) => r.entity === 'series');
    const moves = rows.filter((r) => r.entity === 'media');
    expect(seriesRow?.op).toBe('put');
    expect(moves.map((r) => r.entityId).sort()).toEqual(['a', 'b']);
    for (const m of moves) expect(m.previous).toMatchObject({ seriesId: UNSORTED });
  });

  it('writes deletes, including range deletes (keys read first)', async () => {
    const { team, local } = await open();
    await db.media.bulkAdd([media(team, 'a'), media(team, 'b'), media(local, 'c')]);
    await db.outbox.clear();
    await db.media.where('caseId').equals(team).delete();
    expect((await db.outbox.toArray()).map((r) => [r.op, r.entityId])).toEqual([
      ['delete', 'a'],
      ['delete', 'b'],
    ]);
    await db.outbox.clear();
    await db.media.add(media(team, 'd'));
    await db.outbox.clear();
    await db.media.clear(); // a deleteRange over the whole table: only the team record is a mutation
    expect((await db.outbox.toArray()).map((r) => [r.op, r.entityId])).toEqual([['delete', 'd']]);
  });

  it('commits the record and its outbox row together: an aborted transaction leaves neither', async () => {
    const { team } = await open();
    await expect(
      db.transaction('rw', db.media, async () => {
        await db.media.add(media(team, 'a'));
        expect(await db.outbox.count()).toBe(1); // visible inside: the same transaction
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect(await db.media.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('lets writes of the sync engine itself through without outbox rows', async () => {
    const { team } = await open();
    await runApplying(db, [db.media, db.series], async () => {
      await db.media.add(media(team, 'a'));
      await db.media.update('a' as MediaId, { category: 1 });
      await db.media.delete('a' as MediaId);
    });
    expect(await db.outbox.count()).toBe(0);
  });

  it('a case becomes team for writes only once marked; the set is reloaded when the database reopens', async () => {
    const { team, local } = await open();
    await db.media.add(media(local, 'x'));
    expect(await db.outbox.count()).toBe(0);
    const name = db.name;
    db.close();
    db = new WaymarkDatabase(name);
    await db.open();
    expect(db.teamCases.has(team)).toBe(true);
    expect(db.teamCases.has(local)).toBe(false);
    await db.media.add(media(team, 'y'));
    expect(await db.outbox.count()).toBe(1);
  });
});
