// TEMPORARY stand-in for src/client/sync (being written in parallel); replaced by imports of the real engine.
import { create } from 'zustand';

import type { DeconflictionNotice } from '../../../contract/sync.contract';
import type { WaymarkDatabase } from '../../db/database';

export interface SyncStatus {
  state: 'off' | 'idle' | 'syncing' | 'offline' | 'error';
  pending: number;
  lastSyncAt: string | null;
  error: string | null;
  conflicts: number;
}
export const useSyncStatus = create<SyncStatus>(() => ({
  state: 'off',
  pending: 0,
  lastSyncAt: null,
  error: null,
  conflicts: 0,
}));
export function startSync(_db: WaymarkDatabase): void {}
export function stopSync(): void {}
export function syncNow(): void {}
export function shareCase(
  _db: WaymarkDatabase,
  _caseId: string,
  _onProgress: (p: { done: number; total: number }) => void,
): Promise<void> {
  return Promise.resolve();
}
export interface SyncConflict {
  id: string;
  caseId: string;
  entity: string;
  entityId: string;
  field: string;
  mine: unknown;
  theirs: unknown;
  theirsVersion: number;
  status: 'open' | 'resolved';
}
export function resolveConflict(
  _db: WaymarkDatabase,
  _id: string,
  _choice: 'mine' | 'theirs',
): Promise<void> {
  return Promise.resolve();
}
export function useConflicts(_caseId: string): SyncConflict[] | undefined {
  return [];
}
export function acknowledgeNotice(_db: WaymarkDatabase, _id: string, _by: string): Promise<void> {
  return Promise.resolve();
}
export function useNotices(_caseId: string): DeconflictionNotice[] | undefined {
  return [];
}
