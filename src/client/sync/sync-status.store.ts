import { create } from 'zustand';

import type { RejectionNote } from './sync-records';

/**
 * What the sync status shows. `off`: not syncing (not started, or not signed in); `idle`: up to date
 * as of `lastSyncAt`; `syncing`; `offline`: the server cannot be reached (changes wait in the outbox);
 * `error`: the last attempt failed, `error` says why in words.
 */
export interface SyncStatus {
  state: 'off' | 'idle' | 'syncing' | 'offline' | 'error';
  /** Local changes not yet accepted by the server. */
  pending: number;
  lastSyncAt: string | null;
  error: string | null;
  /** Open conflicts waiting for the analyst. */
  conflicts: number;
  /** The last change the server refused, with its reason code (null when none since start). */
  lastRejection: RejectionNote | null;
  /** Records the team server sent that could not be read (set aside; named in the header). */
  unreadable: number;
  /** A push held by the account's lookup budget: seconds until the rest may be sent. */
  heldRetrySeconds: number | null;
  /** Unsent changes of the analyst who synced here before the one signed in (sync waits for them). */
  otherAnalystChanges: number;
}

export const initialSyncStatus: SyncStatus = {
  state: 'off',
  pending: 0,
  lastSyncAt: null,
  error: null,
  conflicts: 0,
  lastRejection: null,
  unreadable: 0,
  heldRetrySeconds: null,
  otherAnalystChanges: 0,
};

export const useSyncStatus = create<SyncStatus>(() => initialSyncStatus);
