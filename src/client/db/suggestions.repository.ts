import { ulid } from 'ulidx';

import type { CaseId } from '../../domain/case/ids';
import { UNSORTED, type MediaId, type SeriesId, type SuggestionRecord } from '../../domain/case/media';
import type { WaymarkDatabase } from './database';
import { createSeriesFrom, mergeSeries, moveToSeries } from './series.repository';

/**
 * Metadata suggestions ("same camera, same hour"): links between photos become one suggestion per
 * connected set that spans two or more buckets (series, or unsorted images). Open suggestions are
 * recomputed from the links; a dismissed or accepted set (same media) is never offered again.
 */
export interface ShootLinkLike {
  readonly a: string;
  readonly b: string;
  readonly minutesApart: number;
  readonly camera: string;
}

function components(links: readonly ShootLinkLike[]): { ids: MediaId[]; camera: string; minutes: number }[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(x, root);
    return root;
  };
  for (const { a, b } of links) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    parent.set(find(a), find(b));
  }
  const sets = new Map<string, { ids: MediaId[]; camera: string; minutes: number }>();
  for (const link of links) {
    const root = find(link.a);
    const set = sets.get(root) ?? { ids: [], camera: link.camera, minutes: 0 };
    set.minutes = Math.max(set.minutes, link.minutesApart);
    sets.set(root, set);
  }
  for (const id of parent.keys()) sets.get(find(id))?.ids.push(id as MediaId);
  return [...sets.values()].map((s) => ({ ...s, ids: s.ids.sort() }));
}

const keyOf = (ids: readonly string[]) => [...ids].sort().join(',');

export async function refreshSuggestions(
  db: WaymarkDatabase,
  caseId: CaseId,
  links: readonly ShootLinkLike[],
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  await db.transaction('rw', [db.media, db.suggestions], async () => {
    const existing = await db.suggestions.where('caseId').equals(caseId).toArray();
    const closed = new Set(existing.filter((s) => s.status !== 'open').map((s) => keyOf(s.mediaIds)));
    await db.suggestions.bulkDelete(existing.filter((s) => s.status === 'open').map((s) => s.id));
    const fresh: SuggestionRecord[] = [];
    for (const set of components(links)) {
      if (closed.has(keyOf(set.ids))) continue;
      const media = (await db.media.bulkGet(set.ids)).filter((m) => m !== undefined);
      const series = new Set(media.filter((m) => m.seriesId !== UNSORTED).map((m) => m.seriesId));
      const unsorted = media.filter((m) => m.seriesId === UNSORTED).length;
      if (series.size + unsorted < 2) continue;
      fresh.push({
        id: ulid(),
        caseId,
        kind: 'same-shoot',
        seriesIds: [...series],
        mediaIds: set.ids,
        camera: set.camera,
        spanSeconds: Math.round(set.minutes * 60),
        status: 'open',
        updatedAt: at,
        version: 1,
      });
    }
    await db.suggestions.bulkAdd(fresh);
  });
}

/** Accepting merges everything into the largest series of the set (or a new one when all are unsorted). */
export async function acceptSuggestion(
  db: WaymarkDatabase,
  caseId: CaseId,
  id: string,
): Promise<SeriesId | undefined> {
  const suggestion = await db.suggestions.get(id);
  if (!suggestion || suggestion.status !== 'open') return undefined;
  const series = (await db.series.bulkGet([...suggestion.seriesIds])).filter((s) => s !== undefined);
  series.sort((a, b) => b.size - a.size);
  const media = (await db.media.bulkGet([...suggestion.mediaIds])).filter((m) => m !== undefined);
  const unsorted = media.filter((m) => m.seriesId === UNSORTED).map((m) => m.id);
  let target = series[0]?.id;
  if (target === undefined) target = (await createSeriesFrom(db, caseId, unsorted)).seriesId;
  else {
    for (const other of series.slice(1)) await mergeSeries(db, caseId, other.id, target);
    if (unsorted.length > 0) await moveToSeries(db, caseId, unsorted, target);
  }
  await closeSuggestion(db, id, 'accepted');
  return target;
}

export async function closeSuggestion(
  db: WaymarkDatabase,
  id: string,
  status: 'accepted' | 'dismissed',
): Promise<void> {
  const s = await db.suggestions.get(id);
  if (s)
    await db.suggestions.put({ ...s, status, version: s.version + 1, updatedAt: new Date().toISOString() });
}

export function listOpenSuggestions(db: WaymarkDatabase, caseId: CaseId): Promise<SuggestionRecord[]> {
  return db.suggestions.where('[caseId+status]').equals([caseId, 'open']).toArray();
}
