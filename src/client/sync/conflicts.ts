import type { WaymarkDatabase } from '../db/database';
import { derive } from './local-fields';

/**
 * The analyst decides a conflict. 'theirs' keeps the server's value (already shown) and closes it.
 * 'mine' writes the proposed value again as a normal local write, so a new mutation goes out naming
 * the version the analyst has now seen (the outbox middleware takes it from the record).
 */
export async function resolveConflict(
  db: WaymarkDatabase,
  conflictId: string,
  choice: 'mine' | 'theirs',
): Promise<void> {
  const conflict = await db.syncConflicts.get(conflictId);
  if (!conflict) return;
  const table = db.table(conflict.entity);
  await db.transaction('rw', [db.syncConflicts, table], async () => {
    const current = await db.syncConflicts.get(conflictId);
    if (current?.status !== 'open') return;
    if (choice === 'mine') {
      const record = (await table.get(conflict.entityId)) as Record<string, unknown> | undefined;
      if (record) {
        const next: Record<string, unknown> = { ...record, [conflict.field]: conflict.mine };
        if (typeof record.version === 'number') next.version = record.version + 1;
        if (typeof record.updatedAt === 'string') next.updatedAt = new Date().toISOString();
        await table.put(derive(conflict.entity, next));
      }
    }
    await db.syncConflicts.update(conflictId, {
      status: 'resolved',
      resolution: choice,
      resolvedAt: new Date().toISOString(),
    });
  });
}

/** Marks a deconfliction notice as read by `by` (the only fields of a notice a client may set). */
export async function acknowledgeNotice(db: WaymarkDatabase, noticeId: string, by: string): Promise<void> {
  await db.notices.update(noticeId, { acknowledgedAt: new Date().toISOString(), acknowledgedBy: by });
}
