import { baseVersionFields, pickSynced, type SyncedEntity } from '../../contract/records/synced-records';
import { sameValue } from '../../domain/sync/same-value';

type Row = Readonly<Record<string, unknown>>;

/** The case a synced record belongs to (a case record is its own case). */
export function caseIdOf(entity: SyncedEntity, record: Row): string {
  return String(entity === 'cases' ? record.id : record.caseId);
}

/**
 * The synced fields of a record as sent: the definition's fields only (an allow-list), so what this
 * device keeps beside them (counts, flags from local lists, the derived category slot) never leaves it.
 */
export function sentFields(entity: SyncedEntity, record: Row): Record<string, unknown> {
  return pickSynced(entity, record);
}

/** Absent and null are the same for sync: JSON cannot carry `undefined`, so a removed field travels as null. */
const same = (a: unknown, b: unknown): boolean => sameValue(a ?? null, b ?? null);

export interface SyncedDiff {
  readonly fields: Record<string, unknown>;
  readonly previous?: Record<string, unknown>;
  readonly baseVersions?: Record<string, number>;
}

/**
 * What a write changed in the synced fields of a record: every synced field for a new record; for an
 * existing one only the changed fields, what they held, and the base versions (from the old record's
 * `fieldVersions`) of the base-version fields among them. Undefined when no synced field changed.
 */
export function diffSynced(entity: SyncedEntity, old: Row | undefined, next: Row): SyncedDiff | undefined {
  const after = sentFields(entity, next);
  if (!old) return { fields: after };
  const before = sentFields(entity, old);
  const fields: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (same(before[key], after[key])) continue;
    fields[key] = after[key] ?? null;
    previous[key] = before[key] ?? null;
  }
  const changed = Object.keys(fields);
  if (changed.length === 0) return undefined;
  const versions = (old.fieldVersions ?? {}) as Record<string, number>;
  const highStakes: readonly string[] = baseVersionFields(entity);
  const baseFields = changed.filter((f) => highStakes.includes(f));
  const baseVersions =
    baseFields.length > 0 ? Object.fromEntries(baseFields.map((f) => [f, versions[f] ?? 0])) : undefined;
  return { fields, previous, ...(baseVersions ? { baseVersions } : {}) };
}
