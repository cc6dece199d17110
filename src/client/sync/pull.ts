import { MAX_PULL_LIMIT, SYNC_PROTOCOL_VERSION } from '../../contract/sync.contract';
import type { WaymarkDatabase } from '../db/database';
import { applyChanges, type ApplyOutcome } from './apply-changes';
import { runApplying } from './applying';
import { APPLY_TABLES } from './sync-tables';
import { STATE, getCursor, setCursor } from './sync-state';
import type { SyncFaults } from './sync-faults';
import type { SyncTransport } from './transport';

export const PULL_LIMIT = MAX_PULL_LIMIT;

/**
 * Pulls pages until the server has no more. Each page is applied AND its cursor stored in ONE Dexie
 * transaction: a crash (or a fault) anywhere in between rolls both back, so the next pull starts from
 * the old cursor and re-applies the same page: never a skipped page, never a cursor ahead of the data.
 * Changes at or below the stored cursor are dropped and the cursor never moves back, so a duplicated
 * or late answer changes nothing.
 */
export async function pullAll(
  db: WaymarkDatabase,
  transport: SyncTransport,
  clientId: string,
  options: { limit?: number; faults?: SyncFaults } = {},
): Promise<{ granted: string[]; revoked: string[]; conflicts: number; rejected: number }> {
  const total = { granted: [] as string[], revoked: [] as string[], conflicts: 0, rejected: 0 };
  for (;;) {
    const cursor = await getCursor(db);
    if (cursor === undefined) return total;
    const page = await transport.pull({
      protocol: SYNC_PROTOCOL_VERSION,
      clientId,
      cursor,
      limit: options.limit ?? PULL_LIMIT,
    });
    const outcome: ApplyOutcome = await runApplying(db, APPLY_TABLES, async () => {
      const stored = (await db.syncState.get(STATE.cursor))?.cursor ?? cursor;
      const applied = await applyChanges(
        db,
        page.changes.filter((c) => c.seq > stored),
      );
      options.faults?.afterApply?.();
      await setCursor(db, Math.max(stored, page.nextCursor));
      return applied;
    });
    total.granted.push(...outcome.granted);
    total.revoked.push(...outcome.revoked);
    total.conflicts += outcome.conflicts;
    total.rejected += outcome.rejected.length;
    if (!page.hasMore || page.nextCursor <= cursor) return total;
  }
}
