import Dexie, { type IndexableType } from 'dexie';

import { categorySlot } from '../../domain/case/category-schemes';
import type { CaseId } from '../../domain/case/ids';
import type { MediaId, SeriesId } from '../../domain/case/media';
import type { WaymarkDatabase } from './database';
import type { MediaRecord } from './records';

/** Grid filters; every one is answered from an index (keys only), so they stay fast at 100,000 media. */
export interface GridFilter {
  /** A category value, or null for uncategorized; undefined = any. */
  readonly category?: number | null;
  readonly seriesId?: SeriesId;
  readonly camera?: string;
  readonly hasGps?: boolean;
  readonly known?: boolean;
  /** Part of a file name or path (any of the media's paths), case-insensitive. */
  readonly path?: string;
}

function caseRange(caseId: CaseId): [IndexableType, IndexableType] {
  return [
    [caseId, Dexie.minKey],
    [caseId, Dexie.maxKey],
  ];
}

/** Media ids of a case in capture-time order (undated last), narrowed by the filter. */
export async function queryGridIds(
  db: WaymarkDatabase,
  caseId: CaseId,
  filter: GridFilter = {},
): Promise<MediaId[]> {
  return narrowGridIds(db, caseId, await queryOrderedIds(db, caseId), filter);
}

/** Every media id of a case in capture-time order (undated last): the grid before any filter. */
export function queryOrderedIds(db: WaymarkDatabase, caseId: CaseId): Promise<MediaId[]> {
  return db.media
    .where('[caseId+sortAt]')
    .between(...caseRange(caseId))
    .primaryKeys();
}

/**
 * Narrows ordered ids (from `queryOrderedIds`) by the filter, keeping their order; returns `ordered`
 * itself when nothing narrows. Only the filter's index keys are read, so a filter change need not
 * read the whole case again.
 */
export async function narrowGridIds(
  db: WaymarkDatabase,
  caseId: CaseId,
  ordered: MediaId[],
  filter: GridFilter = {},
): Promise<MediaId[]> {
  const narrowing: Promise<unknown[]>[] = [];
  const equals = (index: string, value: string | number) =>
    narrowing.push(db.media.where(index).equals([caseId, value]).primaryKeys());
  if (filter.category !== undefined) equals('[caseId+categorySlot]', categorySlot(filter.category));
  if (filter.seriesId !== undefined) narrowing.push(seriesMemberIds(db, caseId, filter.seriesId));
  if (filter.camera !== undefined) equals('[caseId+camera]', filter.camera);
  if (filter.hasGps !== undefined) equals('[caseId+hasGps]', filter.hasGps ? 1 : 0);
  // Known media are few; the unknown many. Exclude the few instead of intersecting with the many.
  const knownKeys = () =>
    db.media.where('[caseId+known]').between([caseId, 1], [caseId, Dexie.maxKey]).primaryKeys();
  const excluding: Promise<unknown[]>[] = [];
  if (filter.known === false) excluding.push(knownKeys());
  if (filter.known === true) narrowing.push(knownKeys());
  const needle = filter.path?.trim().toLowerCase();
  if (needle)
    narrowing.push(
      db.files
        .where('caseId')
        .equals(caseId)
        .filter((f) => f.path.toLowerCase().includes(needle))
        .toArray()
        .then((rows) => rows.map((r) => r.mediaId)),
    );
  if (narrowing.length === 0 && excluding.length === 0) return ordered;
  const [sets, excluded] = await Promise.all([
    Promise.all(narrowing).then((all) => all.map((keys) => new Set(keys))),
    Promise.all(excluding).then((all) => new Set(all.flat())),
  ]);
  return ordered.filter((id) => !excluded.has(id) && sets.every((s) => s.has(id)));
}

/**
 * What a series shows: its members, and the videos linked to it from the series they joined (their
 * frames show this series too; they are shown here, marked, and stay members of their own series).
 */
async function seriesMemberIds(db: WaymarkDatabase, caseId: CaseId, seriesId: SeriesId): Promise<MediaId[]> {
  const [members, linked] = await Promise.all([
    db.media.where('[caseId+seriesId]').equals([caseId, seriesId]).primaryKeys(),
    db.videoSeriesLinks.where('[caseId+seriesId]').equals([caseId, seriesId]).toArray(),
  ]);
  return [...members, ...linked.map((l) => l.mediaId)];
}

/** Per series (and the unsorted bucket, ''): its member videos and the videos linked to it. */
export interface SeriesVideoCounts {
  readonly members: number;
  readonly linked: number;
}

/** Videos per series, so the series list counts them apart from images (videos are few: read whole). */
export async function seriesVideoCounts(
  db: WaymarkDatabase,
  caseId: CaseId,
): Promise<Map<SeriesId, SeriesVideoCounts>> {
  const [videos, links] = await Promise.all([
    db.media.where('[caseId+kind]').equals([caseId, 'video']).toArray(),
    db.videoSeriesLinks.where('caseId').equals(caseId).toArray(),
  ]);
  const out = new Map<SeriesId, { members: number; linked: number }>();
  const at = (id: SeriesId) => {
    let c = out.get(id);
    if (!c) out.set(id, (c = { members: 0, linked: 0 }));
    return c;
  };
  for (const v of videos) at(v.seriesId).members++;
  for (const l of links) at(l.seriesId).linked++;
  return out;
}

/** The videos shown in a series they are not members of (for the grid's "linked" mark). */
export async function linkedVideoIds(
  db: WaymarkDatabase,
  caseId: CaseId,
  seriesId: SeriesId,
): Promise<Set<MediaId>> {
  const rows = await db.videoSeriesLinks.where('[caseId+seriesId]').equals([caseId, seriesId]).toArray();
  return new Set(rows.map((r) => r.mediaId));
}

/*
 * Watching the grid without reading it. A Dexie live query over 100,000 ids tracks every result key
 * (over a second of main thread), and counting them costs the database about as much as reading
 * them, so the watchers below read one key per index range instead: enough for Dexie to re-run them
 * on any change inside those ranges. The caller re-reads the ids with the plain queries above on
 * each run.
 */

/**
 * Observes what `queryOrderedIds` depends on: any media added to the case or moved in capture time
 * (Dexie reports the new index key of every stored record). Deletions are not watched: media leave a
 * case only when the whole case is purged, which closes its workspace.
 */
export async function watchOrderedIds(db: WaymarkDatabase, caseId: CaseId): Promise<void> {
  await db.media
    .where('[caseId+sortAt]')
    .between(...caseRange(caseId))
    .limit(1)
    .primaryKeys();
}

/** Observes the index ranges `narrowGridIds` reads for this filter (nothing when it narrows nothing). */
export async function watchGridFilter(
  db: WaymarkDatabase,
  caseId: CaseId,
  filter: GridFilter = {},
): Promise<void> {
  const reads: Promise<unknown>[] = [];
  const equals = (index: string, value: string | number) =>
    reads.push(db.media.where(index).equals([caseId, value]).limit(1).primaryKeys());
  if (filter.category !== undefined) equals('[caseId+categorySlot]', categorySlot(filter.category));
  if (filter.seriesId !== undefined) {
    equals('[caseId+seriesId]', filter.seriesId);
    reads.push(
      db.videoSeriesLinks.where('[caseId+seriesId]').equals([caseId, filter.seriesId]).limit(1).primaryKeys(),
    );
  }
  if (filter.camera !== undefined) equals('[caseId+camera]', filter.camera);
  if (filter.hasGps !== undefined) equals('[caseId+hasGps]', filter.hasGps ? 1 : 0);
  if (filter.known !== undefined)
    reads.push(
      db.media.where('[caseId+known]').between([caseId, 1], [caseId, Dexie.maxKey]).limit(1).primaryKeys(),
    );
  if (filter.path?.trim()) reads.push(db.files.where('caseId').equals(caseId).limit(1).primaryKeys());
  if (reads.length === 0) return;
  // A record stored without its old values in hand (setCategories, for one) is reported by its new
  // index keys and as a possible deletion of its old ones. Leaving a filter's range shows only as
  // the latter; Dexie re-runs any count of an index on every such report, and no media has an empty
  // case id, so this count reads nothing.
  reads.push(db.media.where('caseId').equals('').count());
  await Promise.all(reads);
}

/**
 * The distinct cameras of a case, for the camera filter (index keys only). It hops from one camera to
 * the next (one key read each) rather than asking for unique keys, which makes the database walk
 * every entry: hundreds of milliseconds for 100,000 media against a few for a dozen cameras.
 */
export async function listCameras(db: WaymarkDatabase, caseId: CaseId): Promise<string[]> {
  const cameras: string[] = [];
  const index = db.media.where('[caseId+camera]');
  let next = index.between(...caseRange(caseId));
  for (;;) {
    const [key] = await next.limit(1).keys();
    if (key === undefined) break;
    const camera = String((key as unknown[])[1]);
    if (camera !== '') cameras.push(camera);
    // The smallest string after `camera`: every other camera sorts at or after it.
    next = index.between([caseId, `${camera}\0`], [caseId, Dexie.maxKey]);
  }
  return cameras;
}

export interface CategoryChange {
  readonly id: MediaId;
  readonly category: number | null;
}

/**
 * Sets categories in one transaction and returns what they were, so the caller can undo by applying
 * the returned changes. Bumps each record's version (sync checks it for high-stakes fields).
 */
export async function setCategories(
  db: WaymarkDatabase,
  changes: readonly CategoryChange[],
  now = new Date(),
): Promise<CategoryChange[]> {
  const at = now.toISOString();
  return db.transaction('rw', db.media, async () => {
    const records = await db.media.bulkGet(changes.map((c) => c.id));
    const previous: CategoryChange[] = [];
    const updated: MediaRecord[] = [];
    changes.forEach((change, i) => {
      const record = records[i];
      if (!record) return;
      previous.push({ id: record.id, category: record.category });
      updated.push({
        ...record,
        category: change.category,
        categorySlot: categorySlot(change.category),
        updatedAt: at,
        version: record.version + 1,
      });
    });
    await db.media.bulkPut(updated);
    return previous.reverse();
  });
}
