import Dexie, { type IndexableType } from 'dexie';

import { categorySlot } from '../../domain/case/category-schemes';
import type { CaseId } from '../../domain/case/ids';
import type { MediaId, MediaRecord, SeriesId } from '../../domain/case/media';
import type { WaymarkDatabase } from './database';

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
  const ordered: MediaId[] = await db.media
    .where('[caseId+sortAt]')
    .between(...caseRange(caseId))
    .primaryKeys();
  const narrowing: Promise<unknown[]>[] = [];
  const equals = (index: string, value: string | number) =>
    narrowing.push(db.media.where(index).equals([caseId, value]).primaryKeys());
  if (filter.category !== undefined) equals('[caseId+categorySlot]', categorySlot(filter.category));
  if (filter.seriesId !== undefined) equals('[caseId+seriesId]', filter.seriesId);
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

/** The distinct cameras of a case, for the camera filter (index keys only). */
export async function listCameras(db: WaymarkDatabase, caseId: CaseId): Promise<string[]> {
  const keys = await db.media
    .where('[caseId+camera]')
    .between(...caseRange(caseId))
    .uniqueKeys();
  return keys.map((k) => String((k as unknown[])[1])).filter((c) => c !== '');
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
