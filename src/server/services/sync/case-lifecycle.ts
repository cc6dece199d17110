import { SYNCED_RECORDS } from '../../../contract/records/synced-records';
import { decideWrite } from '../../../domain/sync/decide-write';
import type { CaseRow } from '../../repositories/cases.repository';
import type { Repositories } from '../../repositories/unit-of-work';
import { SyncWriter, type SyncCommit } from './sync-writer';

/**
 * Sync rows for changes made outside a push (the cases API): a new team case becomes a `cases` entity
 * ({ id, name, createdAt, updatedAt })
 * with a `case_granted` to its creator; a member added gets `case_granted`, a member removed
 * `case_revoked`. Each runs inside the caller's transaction, before its audit entry (lock order).
 */
export async function syncCaseCreated(repos: Repositories, row: CaseRow, at: string): Promise<SyncCommit> {
  const writer = new SyncWriter(repos, at);
  await writer.lock();
  const outcome = decideWrite(
    SYNCED_RECORDS.cases.rules,
    undefined,
    {
      op: 'put',
      // createdAt starts as the server row's: every member's browser needs one from its first bootstrap.
      fields: { id: row.id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at },
    },
    { byServer: true },
  );
  if (outcome.kind === 'applied')
    await writer.write({ caseId: row.id, entity: 'cases', id: row.id }, outcome.next, {
      wasLive: false,
      changed: outcome.changed,
    });
  await writer.toUser('case_granted', row.id, row.created_by);
  return writer.finish();
}

export async function syncMembership(
  repos: Repositories,
  kind: 'case_granted' | 'case_revoked',
  caseId: string,
  userId: string,
  at: string,
): Promise<SyncCommit> {
  const writer = new SyncWriter(repos, at);
  await writer.toUser(kind, caseId, userId);
  return writer.finish();
}
