import { useLiveQuery } from 'dexie-react-hooks';

import { useDatabase } from '../db/use-database';
import { STATE } from './sync-state';
import type { NoticeRecord, RejectionNote, SyncConflict } from './sync-records';

/** Open conflicts of a case, oldest first (undefined while loading). Live across tabs. */
export function useConflicts(caseId: string): SyncConflict[] | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () =>
      (await db.syncConflicts.where('caseId').equals(caseId).toArray())
        .filter((c) => c.status === 'open')
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    [db, caseId],
  );
}

/** Deconfliction notices of a case, newest first (undefined while loading). */
export function useNotices(caseId: string): NoticeRecord[] | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () =>
      (await db.notices.where('caseId').equals(caseId).toArray()).sort((a, b) =>
        b.updatedAt.localeCompare(a.updatedAt),
      ),
    [db, caseId],
  );
}

/** The last changes the server refused, newest last, in its words. */
export function useRejections(): readonly RejectionNote[] | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => (await db.syncState.get(STATE.rejections))?.rejections ?? [], [db]);
}
