import 'fake-indexeddb/auto';

import { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';

import type { CaseId } from '../../domain/case/ids';
import { UNSORTED, type MediaId, type SeriesId } from '../../domain/case/media';
import { createCase } from './cases.repository';
import { WaymarkDatabase } from './database';
import {
  listCameras,
  narrowGridIds,
  queryGridIds,
  queryOrderedIds,
  setCategories,
  watchGridFilter,
  watchOrderedIds,
} from './media.repository';
import { mediaRecord } from './testing/records';
import type { MediaRecord } from './records';

let db: WaymarkDatabase;
afterEach(async () => {
  await db.delete();
});

/** A JPEG whose hashes are its id (the shared factory's other fields). */
function media(caseId: CaseId, id: string, over: Partial<MediaRecord>): MediaRecord {
  return mediaRecord(caseId, id, {
    md5: id,
    sha1: id,
    sha256: id,
    mimeType: 'image/jpeg',
    format: 'jpeg',
    pdq: '',
    pdqQuality: 0,
    firstPath: `${id}.jpg`,
    ...over,
  });
}

async function seed(): Promise<CaseId> {
  db = new WaymarkDatabase(`media-${Math.random()}`);
  const made = await createCase(db, 'Grid');
  const other = await createCase(db, 'Other');
  if (!made.ok || !other.ok) throw new Error('no case');
  const c = made.record.id;
  await db.media.bulkAdd([
    media(c, 'A', { sortAt: '2020-01-02T00:00:00', camera: 'Nikon D70', hasGps: 1 }),
    media(c, 'B', { sortAt: '2020-01-01T00:00:00', category: 1, categorySlot: 1, known: 2 }),
    media(c, 'C', { seriesId: 'S1' as SeriesId, camera: 'Nikon D70' }),
    media(other.record.id, 'Z', { sortAt: '2019-01-01T00:00:00' }),
  ]);
  return c;
}

describe('grid queries', () => {
  it('orders by capture time, undated last, and stays inside the case', async () => {
    const c = await seed();
    expect(await queryGridIds(db, c)).toEqual(['B', 'A', 'C']);
  });

  it('narrows by category, series, camera, GPS and known status', async () => {
    const c = await seed();
    expect(await queryGridIds(db, c, { category: null })).toEqual(['A', 'C']);
    expect(await queryGridIds(db, c, { category: 1 })).toEqual(['B']);
    expect(await queryGridIds(db, c, { seriesId: UNSORTED })).toEqual(['B', 'A']);
    expect(await queryGridIds(db, c, { camera: 'Nikon D70', hasGps: false })).toEqual(['C']);
    expect(await queryGridIds(db, c, { known: true })).toEqual(['B']);
    expect(await queryGridIds(db, c, { known: false })).toEqual(['A', 'C']);
    expect(await listCameras(db, c)).toEqual(['Nikon D70']);
    await db.files.bulkAdd([
      {
        id: 'f1',
        caseId: c,
        mediaId: 'C' as MediaId,
        path: 'Set/One.JPG',
        size: 1,
        lastModified: 1,
        sourceKey: 'k1',
        updatedAt: '',
        version: 1,
      },
      {
        id: 'f2',
        caseId: c,
        mediaId: 'A' as MediaId,
        path: 'other/two.jpg',
        size: 1,
        lastModified: 1,
        sourceKey: 'k2',
        updatedAt: '',
        version: 1,
      },
    ]);
    expect(await queryGridIds(db, c, { path: 'one.jpg' })).toEqual(['C']);
    expect(await queryGridIds(db, c, { path: '  ' })).toEqual(['B', 'A', 'C']);
  });
});

describe('cameras', () => {
  it('lists each camera of the case once, in order, without the empty one', async () => {
    const c = await seed();
    await db.media.bulkAdd([
      media(c, 'D', { camera: 'Nikon' }),
      media(c, 'E', { camera: 'Canon' }),
      media(c, 'F', { camera: 'Nikon' }),
      media(c, 'G', { camera: 'Nikon D70s' }),
      media((await db.cases.toCollection().last())!.id, 'Y', { camera: 'Other case' }),
    ]);
    expect(await listCameras(db, c)).toEqual(['Canon', 'Nikon', 'Nikon D70', 'Nikon D70s']);
  });
});

describe('grid watchers', () => {
  /** Runs of a live query: its first, then one more once `act` is done (the test waits for it). */
  async function runsAround(query: () => Promise<unknown>, act: () => Promise<unknown>): Promise<number> {
    let runs = 0;
    let settle = () => {};
    const subscription = liveQuery(query).subscribe(() => {
      runs++;
      settle();
    });
    const next = () => new Promise<void>((resolve) => (settle = resolve));
    await next();
    const after = next();
    await act();
    await after;
    subscription.unsubscribe();
    return runs;
  }

  it('reads the same ids in two steps as queryGridIds in one', async () => {
    const c = await seed();
    const ordered = await queryOrderedIds(db, c);
    expect(ordered).toEqual(['B', 'A', 'C']);
    expect(await narrowGridIds(db, c, ordered, { category: null })).toEqual(['A', 'C']);
    expect(await narrowGridIds(db, c, ordered, {})).toBe(ordered);
  });

  it('re-run when media are added to the case', async () => {
    const c = await seed();
    const runs = await runsAround(
      () => watchOrderedIds(db, c),
      () => db.media.add(media(c, 'D', { sortAt: '2021-01-01T00:00:00' })),
    );
    expect(runs).toBe(2);
  });

  it('re-run when a categorized image leaves a category filter', async () => {
    const c = await seed();
    const runs = await runsAround(
      () => watchGridFilter(db, c, { category: null }),
      () => setCategories(db, [{ id: 'C' as MediaId, category: 2 }]),
    );
    expect(runs).toBe(2);
  });
});

describe('setCategories', () => {
  it('returns the previous values so applying them undoes the change', async () => {
    const c = await seed();
    const undo = await setCategories(db, [
      { id: 'A' as MediaId, category: 2 },
      { id: 'B' as MediaId, category: 0 },
    ]);
    expect(await queryGridIds(db, c, { category: 2 })).toEqual(['A']);
    expect((await db.media.get('A' as MediaId))?.version).toBe(2);
    await setCategories(db, undo);
    expect(await queryGridIds(db, c, { category: null })).toEqual(['A', 'C']);
    expect(await queryGridIds(db, c, { category: 1 })).toEqual(['B']);
  });
});
