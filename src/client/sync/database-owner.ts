import type { WaymarkDatabase } from '../db/database';
import { runApplying } from './applying';
import { removeTeamCasesInside } from './purge';
import { STATE } from './sync-state';
import { APPLY_TABLES } from './sync-tables';

/**
 * This browser's database syncs for one analyst at a time (docs/SYNC.md "Identity": a clientId per
 * browser profile and user). The first analyst to sync here becomes its owner. When another analyst
 * signs in on the same browser (a shared workstation), the previous analyst's team cases are removed
 * (the newcomer may not be a member of them, and must not read them) with their sync state and
 * clientId; the newcomer then downloads their own cases under a new clientId. Local cases stay: they
 * belong to the browser, not to an account.
 *
 * Unsent changes of the previous analyst are never dropped silently: the switch stops with
 * OtherAnalystChangesError until they sign in and sync, or the newcomer chooses to discard them.
 */
export class OtherAnalystChangesError extends Error {
  constructor(readonly pending: number) {
    super(
      `This browser holds ${pending} unsent change${pending === 1 ? '' : 's'} by the analyst who synced here before you. ` +
        'They can sign in here and sync them; or discard them to sync your own cases.',
    );
    this.name = 'OtherAnalystChangesError';
  }
}

/** Makes `userId` the owner of the local database, switching it over from another analyst when needed. */
export async function claimDatabase(
  db: WaymarkDatabase,
  userId: string,
  options: { discardPending?: boolean } = {},
): Promise<void> {
  // Every sync run comes here: the usual case (same analyst) is one read, without a write transaction.
  const owner = await db.syncState.get(STATE.owner);
  if (owner?.userId === userId) return;
  await runApplying(db, APPLY_TABLES, async () => {
    const current = await db.syncState.get(STATE.owner);
    if (current?.userId === userId) return;
    // A database that synced before owners were recorded keeps its data: its clientId is this user's
    // (the server refuses another user's clientId, and that error says so).
    if (current !== undefined) {
      const pending = await db.outbox.count();
      if (pending > 0 && !options.discardPending) throw new OtherAnalystChangesError(pending);
      await removeTeamCasesInside(db);
    }
    await db.syncState.put({ id: STATE.owner, userId });
  });
}
