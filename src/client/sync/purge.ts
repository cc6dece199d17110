import type { WaymarkDatabase } from '../db/database';
import { STATE } from './sync-state';

/** Tables whose rows carry `caseId` (indexed): a purged case leaves nothing in any of them. */
const CASE_TABLES = [
  'media',
  'files',
  'series',
  'ingestErrors',
  'suggestions',
  'clueRevisions',
  'seriesLeads',
  'leadEvents',
  'noteRevisions',
  'listMatches',
  'notices',
  'outbox',
  'syncConflicts',
  'videoFrames',
  'videoSeriesLinks',
] as const;

/**
 * Removes every row of a case from every table, derived bytes (thumbnails, clue crops) and its
 * pending outbox rows included: the case was revoked, so nothing of it may stay or be pushed.
 * Runs inside the caller's applying transaction, so the deletes are never sent.
 */
export async function purgeCaseInside(db: WaymarkDatabase, caseId: string): Promise<void> {
  const mediaIds = await db.media.where('caseId').equals(caseId).primaryKeys();
  const clueIds = await db.clueRevisions.where('caseId').equals(caseId).primaryKeys();
  await db.thumbnails.bulkDelete(mediaIds);
  await db.filmstrips.bulkDelete(mediaIds);
  await db.clueCrops.bulkDelete(clueIds);
  for (const table of CASE_TABLES) await db.table(table).where('caseId').equals(caseId).delete();
  await db.cases.delete(caseId as never);
  await db.syncState.bulkDelete([STATE.bootstrap(caseId), STATE.share(caseId)]);
  db.teamCases.delete(caseId);
}

/**
 * Removes every team case of this browser with the sync bookkeeping (outbox, conflicts, cursor,
 * clientId, owner): what an analyst leaves behind when another signs in, or when they sign out.
 * Local cases stay: they belong to the browser, not to an account. Inside an applying transaction.
 */
export async function removeTeamCasesInside(db: WaymarkDatabase): Promise<void> {
  await db.teamCases.load(db);
  for (const caseId of db.teamCases.list()) await purgeCaseInside(db, caseId);
  await db.outbox.clear();
  await db.syncConflicts.clear();
  await db.syncState.clear();
}

const SYNCED_CASE_TABLES = [
  'media',
  'files',
  'series',
  'clueRevisions',
  'seriesLeads',
  'leadEvents',
  'noteRevisions',
  'listMatches',
  'notices',
  'videoFrames',
  'videoSeriesLinks',
] as const;

/**
 * Before a full re-bootstrap (410): drops the synced rows of team cases so that whatever the server
 * deleted while its log was compacted disappears here too. Rows with unpushed outbox changes stay (the
 * push still carries them); bytes (thumbnails, crops) stay, since the records come back with the same
 * ids; case records stay and are replaced by the bootstrap (cases it no longer returns are purged).
 */
export async function purgeSyncedRowsInside(db: WaymarkDatabase): Promise<void> {
  const keep = new Set((await db.outbox.toArray()).map((r) => `${r.entity}\u0000${r.entityId}`));
  for (const caseId of db.teamCases.list())
    for (const table of SYNCED_CASE_TABLES) {
      const ids = (await db.table(table).where('caseId').equals(caseId).primaryKeys()) as string[];
      const drop = ids.filter((id) => !keep.has(`${table}\u0000${id}`));
      if (drop.length > 0) await db.table(table).bulkDelete(drop);
    }
}
