import type { UnitOfWork } from '../../repositories/unit-of-work';
import { appendAudit, AuditAction, type AuditActor } from '../audit-trail';

export interface Compaction {
  readonly deleted: number;
  readonly minCursor: number;
}

/**
 * Compaction of the change log (docs/SYNC.md "Pull and bootstrap"): deletes change rows below `beforeSeq` and raises
 * the min cursor to `beforeSeq - 1`; a browser whose cursor is older gets 410 and downloads its cases
 * again. Entity state (tombstones included) is kept, so nothing a bootstrap needs is lost. Audited.
 * Never cuts past the deconfliction consumer's cursor: it reads media rows from the log.
 */
export function compactChanges(
  uow: UnitOfWork,
  beforeSeq: number,
  at: Date,
  actor: AuditActor | null = null,
): Promise<Compaction> {
  return uow.transaction(async (repos) => {
    const latest = await repos.syncChanges.lockCounter();
    // Rows the deconfliction consumer has not followed yet are kept, whatever the cut asked for.
    const followed = await repos.syncChanges.deconflictionCursor();
    const before = Math.max(0, Math.min(beforeSeq, latest + 1, followed + 1));
    const previous = await repos.syncChanges.minCursor();
    const minCursor = Math.max(previous, before - 1);
    const deleted = await repos.syncChanges.deleteBefore(before);
    await repos.syncChanges.setMinCursor(minCursor);
    await appendAudit(
      repos,
      { action: AuditAction.syncCompacted, actor, detail: { beforeSeq: before, deleted, minCursor } },
      at,
    );
    return { deleted, minCursor };
  });
}

/** Compacts the changes recorded more than `days` days before `now` (browsers idle longer re-download). */
export async function compactOlderThan(
  uow: UnitOfWork,
  days: number,
  now: Date,
  actor: AuditActor | null = null,
): Promise<Compaction> {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const first = await uow.read.syncChanges.firstSeqSince(cutoff);
  const beforeSeq = first ?? (await uow.read.syncChanges.counter()) + 1;
  return compactChanges(uow, beforeSeq, now, actor);
}
