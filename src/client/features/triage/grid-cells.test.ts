import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import type { CaseId } from '../../../domain/case/ids';
import { UNSORTED, type MediaId, type MediaRecord } from '../../../domain/case/media';
import { WaymarkDatabase } from '../../db/database';
import { GridCellCache } from './grid-cells';

let db: WaymarkDatabase;
afterEach(async () => {
  await db.delete();
});

function media(id: string): MediaRecord {
  return {
    id: id as MediaId,
    caseId: 'C' as CaseId,
    md5: id,
    sha1: id,
    sha256: id,
    bytes: 1,
    width: 1,
    height: 1,
    mimeType: 'image/png',
    format: 'png',
    pdq: '',
    pdqQuality: 0,
    pdqDihedral: [],
    firstPath: `set/${id}.png`,
    sortAt: '~',
    camera: '',
    hasGps: 0,
    category: null,
    categorySlot: -1,
    seriesId: UNSORTED,
    known: 0,
    seq: 0,
    createdAt: '',
    updatedAt: '',
    version: 1,
  };
}

async function seed(ids: string[]) {
  db = new WaymarkDatabase(`cells-${Math.random()}`);
  await db.media.bulkAdd(ids.map(media));
  await db.thumbnails.bulkAdd(
    ids.map((id) => ({ id: id as MediaId, blob: new Blob([id]), width: 1, height: 1 })),
  );
}

/** Resolves at the cache's next change. */
function changed(cache: GridCellCache): Promise<void> {
  return new Promise((resolve) => {
    const stop = cache.subscribe(() => {
      stop();
      resolve();
    });
  });
}

describe('GridCellCache', () => {
  it('reads cells that scroll in once, with their thumbnail URLs', async () => {
    await seed(['a', 'b', 'c']);
    const cache = new GridCellCache(db);
    const next = changed(cache);
    cache.show(['a', 'b'] as MediaId[]);
    await next;
    const a = cache.cell('a' as MediaId);
    expect(a).toEqual({ category: null, firstPath: 'set/a.png' });
    expect(cache.url('a' as MediaId)).toMatch(/^blob:/);
    expect(cache.cell('c' as MediaId)).toBeUndefined();
    // Shown again: nothing to read, same objects (memoized rows do not re-render).
    const version = cache.getVersion();
    cache.show(['a', 'b'] as MediaId[]);
    expect(cache.getVersion()).toBe(version);
    expect(cache.cell('a' as MediaId)).toBe(a);
    cache.clear();
  });

  it('takes changed records from a live read and keeps cells on screen past capacity', async () => {
    await seed(['a', 'b', 'c', 'd']);
    const cache = new GridCellCache(db, 2);
    let next = changed(cache);
    cache.show(['a', 'b', 'c'] as MediaId[]);
    await next;
    // Over capacity, but all three are on screen.
    expect(['a', 'b', 'c'].every((id) => cache.cell(id as MediaId))).toBe(true);
    cache.refresh([{ id: 'a' as MediaId, category: 2, firstPath: 'set/a.png', thumbnail: undefined }]);
    expect(cache.cell('a' as MediaId)?.category).toBe(2);
    next = changed(cache);
    cache.show(['d'] as MediaId[]);
    await next;
    // The least recently used left, with its URL; the one on screen stayed.
    expect(cache.cell('d' as MediaId)).toBeDefined();
    expect(cache.cell('b' as MediaId)).toBeUndefined();
    expect(cache.url('b' as MediaId)).toBeUndefined();
    cache.clear();
    expect(cache.cell('d' as MediaId)).toBeUndefined();
  });
});
