import type { WaymarkDatabase } from '../db/database';
import { runApplying } from './applying';
import { removeTeamCasesInside } from './purge';
import { pushOutbox } from './push';
import { STATE, getClientId } from './sync-state';
import { APPLY_TABLES } from './sync-tables';
import type { SyncTransport } from './transport';

/**
 * Signing out of a shared workstation (issue 15): the analyst's team cases leave this browser, so the
 * next person at the desk cannot browse them, nor edit them to be pushed later under the analyst's name.
 * Local cases stay (they belong to the browser, not to an account).
 *
 * Invariants:
 * - Unsent changes are never dropped silently: they are pushed first, while the session still exists;
 *   whatever is still unsent then (offline, refused by a budget, another analyst's held changes) stops
 *   the sign-out, and only the analyst's explicit `discardUnsent` lets it go on.
 * - The team cases are removed only after the server ended the session: if that fails the analyst is
 *   still signed in, with their cases, and is told.
 */
export interface SignOutSteps {
  db: WaymarkDatabase;
  transport: SyncTransport;
  /** The analyst signing out: their changes are pushed only when this browser syncs for them. */
  userId: string;
  discardUnsent: boolean;
  /** Ends the session on the server (logout or revoke-all). */
  endSession: () => Promise<void>;
}

export type SignOutResult = { done: true } | { done: false; unsent: number };

export async function signOutOfTeamCases(steps: SignOutSteps): Promise<SignOutResult> {
  const { db } = steps;
  if (!steps.discardUnsent) {
    const unsent = await pushWhatIsLeft(steps);
    if (unsent > 0) return { done: false, unsent };
  }
  await steps.endSession();
  await runApplying(db, APPLY_TABLES, () => removeTeamCasesInside(db));
  return { done: true };
}

/** Pushes the outbox when it is this analyst's; returns how many changes are still unsent. */
async function pushWhatIsLeft({ db, transport, userId }: SignOutSteps): Promise<number> {
  if ((await db.outbox.count()) === 0) return 0;
  const owner = await db.syncState.get(STATE.owner);
  if (owner?.userId === userId) {
    try {
      await pushOutbox(db, transport, await getClientId(db));
    } catch {
      // Offline or refused: what is left is counted below and the analyst decides.
    }
  }
  return db.outbox.count();
}
