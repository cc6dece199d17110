import { ulid } from 'ulidx';

import {
  createClue,
  currentClues,
  reviseClue,
  type ClueProblem,
  type ClueRevision,
  type CurrentClue,
} from '../../domain/leads/clue';
import type { ClueCropRecord, WaymarkDatabase } from './database';

/**
 * Clue revisions and their crops. Invariant: a revision and the crop cut for it are written in one
 * transaction, so the clue list never shows a clue without its crop (or a crop of a stale region).
 * The crop's bytes are made by the caller (canvas, DOM); this module only stores them, and only for
 * the current revision of each clue.
 */
export type CropBytes = Omit<ClueCropRecord, 'id'>;
export type ClueResult = { ok: true; revision: ClueRevision } | { ok: false; problem: ClueProblem };

export async function addClue(
  db: WaymarkDatabase,
  fields: Pick<ClueRevision, 'caseId' | 'seriesId' | 'mediaId' | 'region' | 'type' | 'note'>,
  author: string,
  crop: CropBytes | null,
  now = new Date(),
): Promise<ClueResult> {
  const made = createClue(fields, { id: ulid(), at: now.toISOString(), author });
  if (!made.ok) return made;
  await db.transaction('rw', db.clueRevisions, db.clueCrops, async () => {
    await db.clueRevisions.add(made.revision);
    if (crop) await db.clueCrops.put({ id: made.revision.id, ...crop });
  });
  return made;
}

/** An edit or a delete of the clue whose current revision is `previousId`. */
export async function changeClue(
  db: WaymarkDatabase,
  previousId: string,
  change: Parameters<typeof reviseClue>[1],
  author: string,
  crop: CropBytes | null,
  now = new Date(),
): Promise<ClueResult> {
  return db.transaction('rw', db.clueRevisions, db.clueCrops, async () => {
    const previous = await db.clueRevisions.get(previousId);
    if (!previous) return { ok: false, problem: 'deleted' } as const;
    const next = reviseClue(previous, change, { id: ulid(), at: now.toISOString(), author });
    if (!next.ok) return next;
    await db.clueRevisions.add(next.revision);
    const old = await db.clueCrops.get(previousId);
    const r0 = previous.region;
    const r1 = next.revision.region;
    const sameRegion = r0.x === r1.x && r0.y === r1.y && r0.width === r1.width && r0.height === r1.height;
    if (crop) await db.clueCrops.put({ id: next.revision.id, ...crop });
    // Same region: the previous crop still shows it.
    else if (old && sameRegion && !next.revision.deleted)
      await db.clueCrops.put({ ...old, id: next.revision.id });
    // Crops are derived: only the live revision's crop is kept (the revisions keep the history).
    if (old) await db.clueCrops.delete(previousId);
    return next;
  });
}

/**
 * The live clues of a series in the order they were first drawn (a clue's id is its first revision's
 * ULID), so numbering stays put when a clue is edited.
 */
export async function listSeriesClues(db: WaymarkDatabase, seriesId: string): Promise<CurrentClue[]> {
  const revisions = await db.clueRevisions.where('seriesId').equals(seriesId).sortBy('createdAt');
  return currentClues(revisions).sort((a, b) => a.revision.clueId.localeCompare(b.revision.clueId));
}

export function getClueCrop(db: WaymarkDatabase, revisionId: string): Promise<ClueCropRecord | undefined> {
  return db.clueCrops.get(revisionId);
}
