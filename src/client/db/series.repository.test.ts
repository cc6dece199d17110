import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import type { CaseId } from '../../domain/case/ids';
import { MediaKind, UNSORTED, type MediaId, type SeriesId } from '../../domain/case/media';
import { videoSeriesLinkId } from '../../domain/video/video-series-links';
import { createCase } from './cases.repository';
import { WaymarkDatabase } from './database';
import {
  applyGroupUpdates,
  applySeriesUndo,
  countUnsorted,
  createSeriesFrom,
  listSeries,
  mergeSeries,
  moveToSeries,
  renameSeries,
} from './series.repository';
import type { MediaRecord } from './records';

let db: WaymarkDatabase;
afterEach(async () => {
  await db.delete();
});

const ids = (...names: string[]) => names as MediaId[];

async function seed(count = 6): Promise<CaseId> {
  db = new WaymarkDatabase(`series-${Math.random()}`);
  const made = await createCase(db, 'Series');
  if (!made.ok) throw new Error('no case');
  const caseId = made.record.id;
  const media = Array.from({ length: count }, (_, i) => ({
    id: `m${i}` as MediaId,
    caseId,
    seriesId: UNSORTED,
    sha256: `s${i}`,
    sortAt: '~',
    categorySlot: -1,
    camera: '',
    hasGps: 0,
    known: 0,
    version: 1,
    updatedAt: '',
  }));
  await db.media.bulkAdd(media as unknown as MediaRecord[]);
  return caseId;
}

async function membership(caseId: CaseId) {
  const series = await listSeries(db, caseId);
  const media = await db.media.toArray();
  return {
    sizes: series.map((s) => s.size),
    groups: series.map((s) =>
      media
        .filter((m) => m.seriesId === s.id)
        .map((m) => m.id)
        .sort(),
    ),
    unsorted: await countUnsorted(db, caseId),
  };
}

describe('series repository', () => {
  it('builds series from grouper updates, leaving singletons unsorted and hand-placed media alone', async () => {
    const c = await seed();
    await applyGroupUpdates(db, c, [
      { groupKey: 'g1', mediaIds: ids('m0', 'm1') },
      { groupKey: 'g2', mediaIds: ids('m2') },
    ]);
    expect(await membership(c)).toEqual({ sizes: [2], groups: [['m0', 'm1']], unsorted: 4 });
    const { seriesId: manual } = await createSeriesFrom(db, c, ids('m3'));
    await applyGroupUpdates(db, c, [{ groupKey: 'g1', mediaIds: ids('m0', 'm1', 'm3', 'm4') }]);
    expect(await membership(c)).toEqual({ sizes: [3, 1], groups: [['m0', 'm1', 'm4'], ['m3']], unsorted: 2 });
    expect((await db.series.get(manual))?.size).toBe(1);
  });

  it('splits, moves, merges and renames, each undone exactly', async () => {
    const c = await seed();
    await applyGroupUpdates(db, c, [{ groupKey: 'g1', mediaIds: ids('m0', 'm1', 'm2', 'm3') }]);
    const before = await membership(c);
    const [first] = await listSeries(db, c);

    const split = await createSeriesFrom(db, c, ids('m2', 'm3'));
    expect((await membership(c)).sizes).toEqual([2, 2]);
    const merged = await mergeSeries(db, c, split.seriesId, first!.id);
    expect(await membership(c)).toEqual(before);
    await applySeriesUndo(db, c, merged);
    expect((await membership(c)).sizes).toEqual([2, 2]);
    await applySeriesUndo(db, c, split.undo);
    expect(await membership(c)).toEqual(before);

    const moved = await moveToSeries(db, c, ids('m0', 'm1', 'm2', 'm3'), UNSORTED);
    expect(await membership(c)).toEqual({ sizes: [], groups: [], unsorted: 6 });
    await applySeriesUndo(db, c, moved);
    expect(await membership(c)).toEqual(before);

    const renamed = await renameSeries(db, first!.id, '  Garden   shoot ');
    expect((await db.series.get(first!.id))?.name).toBe('Garden shoot');
    await applySeriesUndo(db, c, renamed);
    expect((await db.series.get(first!.id))?.name).toBe('');
  });

  it('drops a video’s link to the series it is moved into, and puts it back on undo', async () => {
    const c = await seed();
    await db.media.update('m4' as MediaId, { kind: MediaKind.video });
    await applyGroupUpdates(db, c, [
      { groupKey: 'g1', mediaIds: ids('m0', 'm1') },
      { groupKey: 'g2', mediaIds: ids('m2', 'm3', 'm4') },
    ]);
    const seriesOf = async (id: string) => (await db.media.get(id as MediaId))!.seriesId;
    const [s1, s2] = [await seriesOf('m0'), await seriesOf('m2')];
    const link = (seriesId: SeriesId) => ({
      id: videoSeriesLinkId('m4', seriesId),
      caseId: c,
      mediaId: 'm4' as MediaId,
      seriesId,
      frames: 3,
    });
    await db.videoSeriesLinks.bulkAdd([link(s1)]);
    // An image moved into s1 keeps the video's link; the video moved there loses it.
    const image = await moveToSeries(db, c, ids('m3'), s1);
    expect(await db.videoSeriesLinks.toArray()).toEqual([link(s1)]);
    await applySeriesUndo(db, c, image);
    const moved = await moveToSeries(db, c, ids('m4'), s1);
    expect(await seriesOf('m4')).toBe(s1);
    expect(await db.videoSeriesLinks.count()).toBe(0);
    await applySeriesUndo(db, c, moved);
    expect(await seriesOf('m4')).toBe(s2);
    expect(await db.videoSeriesLinks.toArray()).toEqual([link(s1)]);
  });

  it('deletes a series’ links with it, and puts them back on undo', async () => {
    const c = await seed();
    await db.media.update('m4' as MediaId, { kind: MediaKind.video });
    await applyGroupUpdates(db, c, [
      { groupKey: 'g1', mediaIds: ids('m0', 'm1') },
      { groupKey: 'g2', mediaIds: ids('m2', 'm3', 'm4') },
    ]);
    const [s1, s2] = [
      (await db.media.get('m0' as MediaId))!.seriesId,
      (await db.media.get('m2' as MediaId))!.seriesId,
    ];
    const link = {
      id: videoSeriesLinkId('m4', s1),
      caseId: c,
      mediaId: 'm4' as MediaId,
      seriesId: s1,
      frames: 2,
    };
    await db.videoSeriesLinks.add(link);
    const emptied = await moveToSeries(db, c, ids('m0', 'm1'), UNSORTED);
    expect(await db.series.get(s1)).toBeUndefined();
    expect(await db.videoSeriesLinks.count()).toBe(0);
    await applySeriesUndo(db, c, emptied);
    expect(await db.videoSeriesLinks.toArray()).toEqual([link]);

    // A merge deletes the series merged away; the link to the series kept stays.
    const merged = await mergeSeries(db, c, s1, s2);
    expect(await db.series.get(s1)).toBeUndefined();
    expect(await db.videoSeriesLinks.count()).toBe(0);
    await applySeriesUndo(db, c, merged);
    expect(await db.videoSeriesLinks.toArray()).toEqual([link]);
  });
});
