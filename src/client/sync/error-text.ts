import { ApiError, ServerUnreachableError } from '../api/api-client';
import { OtherAnalystChangesError } from './database-owner';
import { PushHeldError } from './push';
import type { SyncStatus } from './sync-status.store';

/**
 * A sync failure as a state and a sentence an analyst understands. (English here; the status
 * component translates by state and shows this sentence as detail.)
 */
export function describeSyncError(error: unknown): {
  state: SyncStatus['state'];
  error: string;
  otherAnalystChanges: number;
  heldRetrySeconds: number | null;
} {
  if (error instanceof OtherAnalystChangesError)
    return {
      state: 'error',
      error: error.message,
      otherAnalystChanges: error.pending,
      heldRetrySeconds: null,
    };
  // Codes the status line words (features/sync/sync-text.ts ERROR_KEYS).
  if (error instanceof PushHeldError)
    return {
      state: 'error',
      error: error.budget === 'lookups' ? 'heldLookups' : 'heldStorage',
      otherAnalystChanges: 0,
      heldRetrySeconds: error.retryAfterSeconds,
    };
  return { ...describe(error), otherAnalystChanges: 0, heldRetrySeconds: null };
}

function describe(error: unknown): { state: SyncStatus['state']; error: string } {
  if (error instanceof ServerUnreachableError)
    return {
      state: 'offline',
      error: 'The team server cannot be reached. Your changes are kept and will be sent when it is back.',
    };
  if (error instanceof ApiError) {
    if (error.status === 401) return { state: 'off', error: 'Sign in to sync your team cases.' };
    if (error.status === 403)
      return { state: 'error', error: `The team server refused to sync with this browser: ${error.message}` };
    if (error.status === 426)
      return {
        state: 'error',
        error: 'This version of Waymark is too old for the team server. Reload the page.',
      };
    if (error.status === 429)
      return { state: 'error', error: 'The team server asked to slow down; syncing will retry shortly.' };
    return { state: 'error', error: `The team server answered with an error: ${error.message}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { state: 'error', error: `Syncing failed: ${message}` };
}
