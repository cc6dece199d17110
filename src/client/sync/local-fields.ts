import type { SyncedEntity } from '../../contract/records/synced-records';
import { categorySlot } from '../../domain/case/category-schemes';
import { LOCAL_FIELDS } from '../db/records';

type Row = Record<string, unknown>;

/**
 * A record as the server sent it, completed with the fields that never sync: kept from the local
 * record when there is one, or given their local starting values (a case from the server is a team
 * case; `known` is 0 until this device's lists are matched; `size` is recounted after applying).
 */
export function withLocalFields(entity: SyncedEntity, server: Row, local: Row | undefined): Row {
  const out: Row = { ...server };
  const localFields: readonly string[] = LOCAL_FIELDS[entity];
  for (const field of localFields) {
    const value = local?.[field];
    if (value !== undefined) out[field] = value;
  }
  // A record's local version moves on every change, pulled ones included (screens key on it).
  if (localFields.includes('version')) out.version = Number(local?.version ?? 0) + 1;
  switch (entity) {
    case 'cases':
      out.team = true;
      break;
    case 'media':
      out.known ??= 0;
      out.seq ??= 0;
      break;
    case 'series':
      out.size ??= 0;
      break;
    default:
  }
  return derive(entity, out);
}

/**
 * Fields derived from others, recomputed after a merge so indexes never disagree with their source:
 * the media category slot (indexed) follows the category the server kept.
 */
export function derive(entity: SyncedEntity, record: Row): Row {
  if (entity === 'media' && 'category' in record) {
    const category = record.category as number | null;
    const slot = categorySlot(category ?? null);
    if (record.categorySlot !== slot) return { ...record, categorySlot: slot };
  }
  return record;
}
