import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import { UNSORTED, type MediaId } from '../../domain/case/media';
import { createCase } from './cases.repository';
import { WaymarkDatabase } from './database';
import { applyGroupUpdates, countUnsorted, listSeries } from './series.repository';
import {
  acceptSuggestion,
  closeSuggestion,
  listOpenSuggestions,
  refreshSuggestions,
} from './suggestions.repository';
import type { MediaRecord } from './records';

let db: WaymarkDatabase;
afterEach(async () => {
  await db.delete();
});

describe('same-shoot suggestions', () => {
  it('offers sets spanning several series, merges on accept, and never re-offers a dismissed set', async () => {
    db = new WaymarkDatabase(`suggest-${Math.random()}`);
    const made = await createCase(db, 'Suggest');
    if (!made.ok) throw new Error('no case');
    const c = made.record.id;
    const ids = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
    await db.media.bulkAdd(
      ids.map(
        (id) =>
          ({
            id,
            caseId: c,
            seriesId: UNSORTED,
            sortAt: '~',
            categorySlot: -1,
            camera: '',
            hasGps: 0,
            known: 0,
            sha256: id,
            version: 1,
          }) as unknown as MediaRecord,
      ),
    );
    await applyGroupUpdates(db, c, [
      { groupKey: 'g1', mediaIds: ['m1', 'm2'] as MediaId[] },
      { groupKey: 'g2', mediaIds: ['m3', 'm4'] as MediaId[] },
    ]);
    const links = [
      { a: 'm1', b: 'm3', minutesApart: 2, camera: 'EO-5' },
      { a: 'm3', b: 'm5', minutesApart: 3, camera: 'EO-5' },
      { a: 'm2', b: 'm1', minutesApart: 0, camera: 'EO-5' },
    ];
    await refreshSuggestions(db, c, links);
    const [open] = await listOpenSuggestions(db, c);
    expect(open).toMatchObject({ mediaIds: ['m1', 'm2', 'm3', 'm5'], spanSeconds: 180, camera: 'EO-5' });
    expect(open!.seriesIds).toHaveLength(2);

    await acceptSuggestion(db, c, open!.id);
    expect((await listSeries(db, c)).map((s) => s.size)).toEqual([5]);
    expect(await countUnsorted(db, c)).toBe(1);
    await refreshSuggestions(db, c, links);
    expect(await listOpenSuggestions(db, c)).toEqual([]);

    await refreshSuggestions(db, c, [{ a: 'm5', b: 'm6', minutesApart: 1, camera: 'X' }]);
    const [other] = await listOpenSuggestions(db, c);
    await closeSuggestion(db, other!.id, 'dismissed');
    await refreshSuggestions(db, c, [{ a: 'm6', b: 'm5', minutesApart: 1, camera: 'X' }]);
    expect(await listOpenSuggestions(db, c)).toEqual([]);
  });
});
