/**
 * The client sync engine's API for the app and the sync UI (docs/SYNC.md; src/client/sync/*).
 *
 * - startSync(db, { userId }) once the app has its database and someone is signed in (idempotent; one tab syncs at a time, others follow);
 *   stopSync() on sign-out or teardown; syncNow() after sign-in or when the user asks.
 * - useSyncStatus: { state, pending, lastSyncAt, error, conflicts, lastRejection, unreadable }.
 * - shareCase, resolveConflict, acknowledgeNotice; useConflicts, useNotices, useRejections.
 */
import type { WaymarkDatabase } from '../db/database';
import { claimDatabase } from './database-owner';
import { shareCase as share, type ShareDeps, type ShareProgress } from './share-case';
import { signOutOfTeamCases, type SignOutResult, type SignOutSteps } from './sign-out';
import { SyncEngine, type SyncEngineOptions } from './sync-engine';
import { httpTransport } from './http-transport';

let engine: SyncEngine | undefined;

export function startSync(db: WaymarkDatabase, options: SyncEngineOptions = {}): void {
  if (engine?.db === db) return;
  engine?.stop();
  engine = new SyncEngine(db, options);
  engine.start();
}

export function stopSync(): void {
  engine?.stop();
  engine = undefined;
}

/** Runs a sync as soon as possible (no-op when sync is not started or another tab holds the lock). */
export function syncNow(): void {
  engine?.request(0);
}

/**
 * Drops the unsent changes (and team cases) of the analyst who synced in this browser before the one
 * signed in, then syncs the signed-in analyst's own cases (database-owner.ts).
 */
export async function discardOtherAnalystChanges(): Promise<void> {
  const current = engine;
  if (!current?.userId) return;
  await claimDatabase(current.db, current.userId, { discardPending: true });
  current.request(0);
}

/**
 * Signs the analyst out of this browser's team cases (sign-out.ts): the sync loop stops, unsent changes
 * are pushed, the session ends and the team cases are removed. When changes are still unsent and the
 * analyst has not chosen to discard them, nothing ends: the loop starts again and the count comes back.
 */
export async function signOutOfSync(
  db: WaymarkDatabase,
  options: Omit<SignOutSteps, 'db' | 'transport'>,
): Promise<SignOutResult> {
  const current = engine?.db === db ? engine : undefined;
  current?.stop();
  await current?.settled();
  try {
    const result = await signOutOfTeamCases({
      db,
      transport: current?.transport ?? httpTransport(),
      ...options,
    });
    if (!result.done) current?.start();
    return result;
  } catch (error) {
    current?.start();
    throw error;
  }
}

/** Shares a local case with the team (keeps its id); progress counts records queued for upload. */
export function shareCase(
  db: WaymarkDatabase,
  caseId: string,
  onProgress: (progress: ShareProgress) => void = () => undefined,
  deps: ShareDeps = {},
): Promise<void> {
  return share(db, caseId, onProgress, { afterQueued: syncNow, ...deps });
}

export { resolveConflict, acknowledgeNotice } from './conflicts';
export { useConflicts, useNotices, useRejections } from './hooks';
export { useSyncStatus, type SyncStatus } from './sync-status.store';
export { SyncEngine, SYNC_LOCK, type SyncEngineOptions } from './sync-engine';
export { httpTransport };
export type { SignOutResult } from './sign-out';
export { CursorExpiredError, type SyncTransport } from './transport';
export type { ShareProgress, ShareDeps } from './share-case';
export type { SyncConflict, NoticeRecord, RejectionNote, OutboxRow } from './sync-records';
export type { SyncFaults } from './sync-faults';
export { STATE } from './sync-state';
