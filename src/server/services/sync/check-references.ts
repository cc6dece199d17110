import type { Refusal } from '../../../contract/records/record-validation';
import { SYNCED_RECORDS, type SyncedEntity } from '../../../contract/records/synced-records';
import { RejectionReason } from '../../../domain/sync/rejection-reason';
import type { EntityKey, StoredEntity } from '../../repositories/sync-entities.repository';

/** The server's state of a record, or `elsewhere` when its id is held by another case (SyncWriter.read). */
export type ReadEntity = (
  key: EntityKey,
) => Promise<{ current: StoredEntity | undefined; elsewhere: boolean }>;

/**
 * The references of a record about to be stored (definitions' `references`): each field set by this
 * write names a live record of the same case, with the values its reference asks for. A record that
 * names another case's record, or nothing, is refused (`unknown_reference`), so no client can make a
 * record point outside its case. Fields this write did not set were checked when they were.
 */
export async function checkReferences(
  entity: SyncedEntity,
  caseId: string,
  data: Readonly<Record<string, unknown>>,
  set: (field: string) => boolean,
  read: ReadEntity,
): Promise<Refusal | null> {
  for (const [field, ref] of Object.entries(SYNCED_RECORDS[entity].references)) {
    if (!set(field)) continue;
    const id = data[field];
    const refused: Refusal = { reason: RejectionReason.unknownReference, field };
    if (typeof id !== 'string') return refused;
    const { current, elsewhere } = await read({ caseId, entity: ref.entity, id });
    if (elsewhere || !current || current.deleted) return refused;
    for (const [name, value] of Object.entries(ref.where ?? {}))
      if (current.data[name] !== value) return refused;
  }
  return null;
}
