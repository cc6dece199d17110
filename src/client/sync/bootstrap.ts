import {
  MAX_BOOTSTRAP_LIMIT,
  SYNC_PROTOCOL_VERSION,
  type Change,
  type SnapshotEntity,
} from '../../contract/sync.contract';
import type { WaymarkDatabase } from '../db/database';
import { applyChanges } from './apply-changes';
import { runApplying } from './applying';
import { purgeCaseInside, purgeSyncedRowsInside } from './purge';
import { APPLY_TABLES } from './sync-tables';
import { STATE, setCursor } from './sync-state';
import type { SyncFaults } from './sync-faults';
import type { SyncTransport } from './transport';

export const BOOTSTRAP_LIMIT = MAX_BOOTSTRAP_LIMIT;

const asPut = (e: SnapshotEntity): Change => ({
  seq: e.seq,
  caseId: e.caseId,
  kind: 'put',
  entity: e.entity,
  id: e.id,
  data: e.data,
  fieldVersions: e.fieldVersions,
});

/**
 * Loads the current state of one case (after `case_granted`) or of every case of the caller (first
 * sync, or after a 410), page by page. Each page is written with its progress (next page token, the
 * first page's cursor) in one transaction, so an interrupted bootstrap resumes where it stopped.
 * Entities go through the apply rule (newer `serverSeq` only, pending outbox changes on top), so a
 * snapshot older than what was already pulled changes nothing.
 *
 * A full bootstrap ends by storing the first page's cursor (the server reads it before the entities:
 * whatever changed during the pages is pulled again, and the apply rule makes that harmless) and by
 * purging team cases the server no longer gives this user.
 */
export async function bootstrap(
  db: WaymarkDatabase,
  transport: SyncTransport,
  clientId: string,
  caseId: string | null,
  options: { limit?: number; faults?: SyncFaults; onPage?: (stored: number) => void } = {},
): Promise<void> {
  const key = STATE.bootstrap(caseId);
  let stored = 0;
  const fetchPage = (after: string | undefined) =>
    transport.bootstrap({
      protocol: SYNC_PROTOCOL_VERSION,
      clientId,
      ...(caseId ? { caseId } : {}),
      ...(after ? { after } : {}),
      limit: options.limit ?? BOOTSTRAP_LIMIT,
    });
  // The next page is asked for while this one is written, so the server's reading and the network
  // overlap IndexedDB's writing. Progress still moves only with a stored page.
  let prefetched: { after: string; page: ReturnType<typeof fetchPage> } | undefined;
  for (;;) {
    const progress = await db.syncState.get(key);
    const after = progress?.after ?? undefined;
    const page = await (prefetched && prefetched.after === after ? prefetched.page : fetchPage(after));
    prefetched = undefined;
    if (page.nextAfter !== null) {
      const next = fetchPage(page.nextAfter);
      next.catch(() => undefined); // awaited (and its error seen) on the next round
      prefetched = { after: page.nextAfter, page: next };
    }
    const done = await runApplying(db, APPLY_TABLES, async () => {
      for (const id of page.caseIds) db.teamCases.add(id);
      await applyChanges(db, page.entities.map(asPut));
      options.faults?.afterBootstrapPage?.();
      const startCursor = progress?.startCursor ?? page.cursor;
      const seen = [...new Set([...(progress?.caseIds ?? []), ...page.caseIds])];
      if (page.nextAfter !== null) {
        await db.syncState.put({
          id: key,
          ...(caseId ? { caseId } : {}),
          after: page.nextAfter,
          startCursor,
          caseIds: seen,
        });
        return false;
      }
      await db.syncState.delete(key);
      if (caseId === null) {
        await setCursor(db, startCursor);
        // Every case is covered now: owed per-case bootstraps are done too.
        const owed = await db.syncState.where('id').startsWith('bootstrap:').primaryKeys();
        await db.syncState.bulkDelete(owed);
        for (const teamCase of db.teamCases.list())
          if (!seen.includes(teamCase)) await purgeCaseInside(db, teamCase);
      }
      return true;
    });
    stored += page.entities.length;
    options.onPage?.(stored);
    if (done) return;
  }
}

/** 410: forget the cursor, drop what the server may have deleted meanwhile, and bootstrap everything again. */
export async function prepareRebootstrap(db: WaymarkDatabase): Promise<void> {
  await runApplying(db, APPLY_TABLES, async () => {
    await purgeSyncedRowsInside(db);
    await db.syncState.delete(STATE.cursor);
    await db.syncState.put({ id: STATE.bootstrap(null), after: null, startCursor: null, caseIds: [] });
  });
}
