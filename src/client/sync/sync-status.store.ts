import { create } from 'zustand';

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
  /** The last change the server refused, in its words (null when none since start). */
  lastRejection: string | null;
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
  otherAnalystChanges: 0,
};

export const useSyncStatus = create<SyncStatus>(() => initialSyncStatus);
