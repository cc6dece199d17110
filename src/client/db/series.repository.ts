import { ulid } from 'ulidx';

import type { CaseId } from '../../domain/case/ids';
import { MediaKind, UNSORTED, type MediaId, type SeriesId } from '../../domain/case/media';
import { videoSeriesLinkId } from '../../domain/video/video-series-links';
import type { WaymarkDatabase } from './database';
import type { MediaRecord, SeriesRecord, VideoSeriesLinkRecord } from './records';

/**
 * Series membership lives on media (`seriesId`; '' = unsorted). Every change runs in one transaction
 * that also recounts the affected series (`size`), deletes series left empty, and returns its exact
 * inverse (a SeriesUndo), so merge, split, move and the grouper's updates are cheap and undoable.
 *
 * Invariant: a video is never linked to its own series (domain/video/video-series-links.ts): a video
 * moved into a series it was shown in as linked loses that link, it is a member there now. Links are
 * synced records, so dropping one is a delete the outbox sends (a tombstone for every browser). A
 * series deleted (left empty) takes its links with it: no link names a series that is gone.
 */
export interface SeriesUndo {
  readonly moves: readonly { id: MediaId; seriesId: SeriesId }[];
  /** Series records to put back as they were (deleted or renamed by the change). */
  readonly restore: readonly SeriesRecord[];
  /** Series the change created, removed again on undo. */
  readonly remove: readonly SeriesId[];
  /** Video series links the change dropped, put back on undo. */
  readonly relink: readonly VideoSeriesLinkRecord[];
}

export interface GroupUpdate {
  /** The grouper's id for the group (stable across its deltas). */
  readonly groupKey: string;
  readonly mediaIds: readonly MediaId[];
}

function bump<T extends { updatedAt: string; version: number }>(record: T, at: string): T {
  return { ...record, updatedAt: at, version: record.version + 1 };
}

async function nextNumber(db: WaymarkDatabase, caseId: CaseId): Promise<number> {
  const all = await db.series.where('caseId').equals(caseId).toArray();
  return all.reduce((max, s) => Math.max(max, s.number), 0) + 1;
}

/** Moves media and recounts; the core every operation shares. Runs inside the caller's transaction. */
async function moveInside(
  db: WaymarkDatabase,
  caseId: CaseId,
  ids: readonly MediaId[],
  target: SeriesId,
  at: string,
): Promise<{ moves: SeriesUndo['moves']; deleted: SeriesRecord[]; unlinked: VideoSeriesLinkRecord[] }> {
  const records = (await db.media.bulkGet([...ids])).filter(
    (m): m is MediaRecord => m !== undefined && m.caseId === caseId && m.seriesId !== target,
  );
  const touched = new Set<SeriesId>([target, ...records.map((m) => m.seriesId)]);
  await db.media.bulkPut(records.map((m) => bump({ ...m, seriesId: target }, at)));
  const joined = records
    .filter((m) => m.kind === MediaKind.video)
    .map((m) => videoSeriesLinkId(m.id, target));
  const unlinked = (await db.videoSeriesLinks.bulkGet(joined)).filter(
    (l): l is VideoSeriesLinkRecord => l !== undefined,
  );
  await db.videoSeriesLinks.bulkDelete(unlinked.map((l) => l.id));
  const deleted: SeriesRecord[] = [];
  for (const seriesId of touched) {
    if (seriesId === UNSORTED) continue;
    const series = await db.series.get(seriesId);
    if (!series) continue;
    const size = await db.media.where('[caseId+seriesId]').equals([caseId, seriesId]).count();
    if (size === 0) {
      deleted.push(series);
      unlinked.push(...(await deleteSeries(db, caseId, seriesId)));
    } else if (size !== series.size) await db.series.put(bump({ ...series, size }, at));
  }
  return { moves: records.map((m) => ({ id: m.id, seriesId: m.seriesId })), deleted, unlinked };
}

/** Deletes a series and the links that show videos in it; returns those links. */
async function deleteSeries(
  db: WaymarkDatabase,
  caseId: CaseId,
  seriesId: SeriesId,
): Promise<VideoSeriesLinkRecord[]> {
  const links = await db.videoSeriesLinks.where('[caseId+seriesId]').equals([caseId, seriesId]).toArray();
  await db.videoSeriesLinks.bulkDelete(links.map((l) => l.id));
  await db.series.delete(seriesId);
  return links;
}

function tables(db: WaymarkDatabase) {
  return [db.media, db.series, db.videoSeriesLinks];
}

export async function moveToSeries(
  db: WaymarkDatabase,
  caseId: CaseId,
  ids: readonly MediaId[],
  target: SeriesId,
  now = new Date(),
): Promise<SeriesUndo> {
  return db.transaction('rw', tables(db), async () => {
    const { moves, deleted, unlinked } = await moveInside(db, caseId, ids, target, now.toISOString());
    return { moves, restore: deleted, remove: [], relink: unlinked };
  });
}

/** Split: the given media leave their series for a new one. */
export async function createSeriesFrom(
  db: WaymarkDatabase,
  caseId: CaseId,
  ids: readonly MediaId[],
  name = '',
  now = new Date(),
  groupKey?: string,
): Promise<{ seriesId: SeriesId; undo: SeriesUndo }> {
  const at = now.toISOString();
  return db.transaction('rw', tables(db), async () => {
    const id = ulid() as SeriesId;
    const record: SeriesRecord = {
      id,
      caseId,
      number: await nextNumber(db, caseId),
      name,
      size: 0,
      createdAt: at,
      updatedAt: at,
      version: 1,
      ...(groupKey !== undefined ? { groupKey } : {}),
    };
    await db.series.add(record);
    const { moves, deleted, unlinked } = await moveInside(db, caseId, ids, id, at);
    return { seriesId: id, undo: { moves, restore: deleted, remove: [id], relink: unlinked } };
  });
}

export async function mergeSeries(
  db: WaymarkDatabase,
  caseId: CaseId,
  from: SeriesId,
  into: SeriesId,
  now = new Date(),
): Promise<SeriesUndo> {
  return db.transaction('rw', tables(db), async () => {
    const ids = await db.media.where('[caseId+seriesId]').equals([caseId, from]).primaryKeys();
    const { moves, deleted, unlinked } = await moveInside(db, caseId, ids, into, now.toISOString());
    return { moves, restore: deleted, remove: [], relink: unlinked };
  });
}

export async function renameSeries(
  db: WaymarkDatabase,
  id: SeriesId,
  name: string,
  now = new Date(),
): Promise<SeriesUndo> {
  return db.transaction('rw', tables(db), async () => {
    const series = await db.series.get(id);
    if (!series) return { moves: [], restore: [], remove: [], relink: [] };
    await db.series.put(bump({ ...series, name: name.trim().replace(/\s+/g, ' ') }, now.toISOString()));
    return { moves: [], restore: [series], remove: [], relink: [] };
  });
}

/**
 * Applies an undo: series come back first (so moves land in them), created ones go, and the links
 * the change dropped come back last (their videos and series are back where they were by then).
 */
export async function applySeriesUndo(
  db: WaymarkDatabase,
  caseId: CaseId,
  undo: SeriesUndo,
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  await db.transaction('rw', tables(db), async () => {
    await db.series.bulkPut(undo.restore.map((s) => bump(s, at)));
    const byTarget = new Map<SeriesId, MediaId[]>();
    for (const move of undo.moves)
      byTarget.set(move.seriesId, [...(byTarget.get(move.seriesId) ?? []), move.id]);
    for (const [target, ids] of byTarget) await moveInside(db, caseId, ids, target, at);
    for (const id of undo.remove) {
      const left = await db.media.where('[caseId+seriesId]').equals([caseId, id]).count();
      if (left === 0) await deleteSeries(db, caseId, id);
    }
    await db.videoSeriesLinks.bulkPut([...undo.relink]);
  });
}

/**
 * The grouper's near-duplicate groups, applied as files arrive. The grouper only ever places UNSORTED
 * media: a group joins the series one of its members is already in (the first such member), else it
 * founds a new series keyed by its groupKey. So an analyst's merge, split or move is never undone
 * by a later regrouping, and a series keeps its identity as its group grows.
 */
export async function applyGroupUpdates(
  db: WaymarkDatabase,
  caseId: CaseId,
  groups: readonly GroupUpdate[],
  now = new Date(),
): Promise<void> {
  const changing = groups.filter((g) => g.mediaIds.length >= 2);
  // Most ingest batches change no series: no read-write transaction then (it would wait for the
  // ingest writer's, and read every series of the case for the next number).
  if (changing.length === 0) return;
  const at = now.toISOString();
  await db.transaction('rw', tables(db), async () => {
    let number = await nextNumber(db, caseId);
    for (const group of changing) {
      const records = (await db.media.bulkGet([...group.mediaIds])).filter(
        (m): m is MediaRecord => m !== undefined && m.caseId === caseId,
      );
      const unsorted = records.filter((m) => m.seriesId === UNSORTED).map((m) => m.id);
      if (unsorted.length === 0) continue;
      let target = records.find((m) => m.seriesId !== UNSORTED)?.seriesId;
      if (target === undefined) {
        const keyed = await db.series.where('[caseId+groupKey]').equals([caseId, group.groupKey]).first();
        if (keyed) target = keyed.id;
        else {
          target = ulid() as SeriesId;
          await db.series.add({
            id: target,
            caseId,
            number: number++,
            name: '',
            size: 0,
            groupKey: group.groupKey,
            createdAt: at,
            updatedAt: at,
            version: 1,
          });
        }
      }
      await moveInside(db, caseId, unsorted, target, at);
    }
  });
}

/** Series of a case, largest first (ties by number). */
export async function listSeries(db: WaymarkDatabase, caseId: CaseId): Promise<SeriesRecord[]> {
  const all = await db.series.where('caseId').equals(caseId).toArray();
  return all.sort((a, b) => b.size - a.size || a.number - b.number);
}

export function countUnsorted(db: WaymarkDatabase, caseId: CaseId): Promise<number> {
  return db.media.where('[caseId+seriesId]').equals([caseId, UNSORTED]).count();
}
