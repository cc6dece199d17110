import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { WaymarkDatabase } from './database';
import { addClue, changeClue, getClueCrop, listSeriesClues } from './clues.repository';

let db: WaymarkDatabase;
beforeEach(async () => {
  db = new WaymarkDatabase(`clues-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const fields = {
  caseId: 'C1',
  seriesId: 'S1',
  mediaId: 'M1',
  region: { x: 0.1, y: 0.2, width: 0.3, height: 0.4 },
  type: 'logo' as const,
  note: 'Shop bag',
};
const crop = (n: number) => ({ blob: new Blob([new Uint8Array([n])]), width: 10, height: 8 });

describe('clues repository', () => {
  it('adds, edits and deletes clues as revisions, with the crop of each live revision', async () => {
    const added = await addClue(db, fields, 'ana', crop(1));
    if (!added.ok) throw new Error(added.problem);
    expect(await getClueCrop(db, added.revision.id)).toMatchObject({ width: 10 });

    const edited = await changeClue(db, added.revision.id, { note: 'Blue shop bag' }, 'ben', null);
    if (!edited.ok) throw new Error(edited.problem);
    // Same region: the crop is carried over to the new revision.
    expect(await getClueCrop(db, edited.revision.id)).toMatchObject({ width: 10 });
    expect(await getClueCrop(db, added.revision.id)).toBeUndefined();
    const live = await listSeriesClues(db, 'S1');
    expect(live.map((c) => [c.revision.note, c.revision.author, c.revision.predecessorId])).toEqual([
      ['Blue shop bag', 'ben', added.revision.id],
    ]);

    // The same region given explicitly (as the form does) keeps the crop too.
    const restated = await changeClue(
      db,
      edited.revision.id,
      { note: 'Blue shop bag', region: fields.region },
      'ana',
      null,
    );
    if (!restated.ok) throw new Error(restated.problem);
    expect(await getClueCrop(db, restated.revision.id)).toMatchObject({ width: 10 });

    const moved = await changeClue(
      db,
      restated.revision.id,
      { region: { x: 0, y: 0, width: 1, height: 1 } },
      'ana',
      null,
    );
    if (!moved.ok) throw new Error(moved.problem);
    // A new region without a new crop: no stale crop.
    expect(await getClueCrop(db, moved.revision.id)).toBeUndefined();

    const deleted = await changeClue(db, moved.revision.id, 'delete', 'ana', null);
    expect(deleted.ok).toBe(true);
    expect(await listSeriesClues(db, 'S1')).toEqual([]);
    expect(await db.clueRevisions.count()).toBe(5);
    expect(await db.clueCrops.count()).toBe(0);
    expect(await changeClue(db, 'missing', { note: 'x' }, 'ana', null)).toEqual({
      ok: false,
      problem: 'deleted',
    });
  });

  it('keeps clues in the order they were drawn when one is edited', async () => {
    const first = await addClue(db, fields, 'ana', null, new Date('2026-11-01T09:00:00Z'));
    await new Promise((r) => setTimeout(r, 2));
    const second = await addClue(
      db,
      { ...fields, note: 'Socket' },
      'ana',
      null,
      new Date('2026-11-01T09:01:00Z'),
    );
    if (!first.ok || !second.ok) throw new Error('fixture');
    await changeClue(
      db,
      first.revision.id,
      { note: 'Shop bag, blue' },
      'ben',
      null,
      new Date('2026-11-01T10:00:00Z'),
    );
    expect((await listSeriesClues(db, 'S1')).map((c) => c.revision.note)).toEqual([
      'Shop bag, blue',
      'Socket',
    ]);
  });

  it('refuses an unknown clue type without writing', async () => {
    const result = await addClue(db, { ...fields, type: 'weapon' as never }, 'ana', crop(1));
    expect(result).toEqual({ ok: false, problem: 'unknown-type' });
    expect(await db.clueRevisions.count()).toBe(0);
    expect(await db.clueCrops.count()).toBe(0);
  });
});
