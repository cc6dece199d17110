import type { CaseId } from '../../domain/case/ids';
import type { MediaId } from '../../domain/case/media';
import type { GroupingSignals } from '../../domain/features/compute-features';
import type { SeriesLink } from '../../domain/grouping';
import type { WaymarkDatabase } from './database';

/**
 * What grouping keeps besides the media records, all derived from the pixels and local to this
 * browser (never synced, never sent: the server gets hashes and series, not keypoints):
 * - `groupingSignals`: per media, the region hashes and keypoints (typed arrays, stored as they are);
 * - `seriesLinks`: per join the grouper made, its evidence, so the pair view can say why two images
 *   are together. A link's id is its two media ids in order, so a link made again replaces itself.
 */
export interface GroupingSignalsRecord extends GroupingSignals {
  readonly id: MediaId;
  readonly caseId: CaseId;
}

export interface SeriesLinkRecord extends SeriesLink {
  readonly id: string;
  readonly caseId: CaseId;
}

export function linkId(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Signals of these media, in order (undefined where none were stored: older ingests, failures). */
export async function signalsOf(
  db: WaymarkDatabase,
  ids: readonly MediaId[],
): Promise<(GroupingSignalsRecord | undefined)[]> {
  return db.groupingSignals.bulkGet([...ids]);
}

export async function saveLinks(
  db: WaymarkDatabase,
  caseId: CaseId,
  links: readonly SeriesLink[],
): Promise<void> {
  if (links.length === 0) return;
  await db.seriesLinks.bulkPut(links.map((l) => ({ ...l, id: linkId(l.a, l.b), caseId })));
}

/** Every stored link of a case with keypoint evidence (replayed when the grouper is rebuilt). */
export async function keypointLinks(db: WaymarkDatabase, caseId: CaseId): Promise<SeriesLinkRecord[]> {
  return (await db.seriesLinks.where('caseId').equals(caseId).toArray()).filter(
    (l) => l.kind === 'keypoints',
  );
}

/** The links that hold this image in its series (it is one end of each). */
export async function linksOf(db: WaymarkDatabase, id: MediaId): Promise<SeriesLinkRecord[]> {
  const [asA, asB] = await Promise.all([
    db.seriesLinks.where('a').equals(id).toArray(),
    db.seriesLinks.where('b').equals(id).toArray(),
  ]);
  return [...asA, ...asB];
}
