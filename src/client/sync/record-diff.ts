import { ENTITY_RULES, syncedFields, type SyncedEntityName } from '../../domain/sync/entity-rules';
import { sameValue } from '../../domain/sync/same-value';

type Row = Readonly<Record<string, unknown>>;

/** The case a synced record belongs to (a case record is its own case). */
export function caseIdOf(entity: SyncedEntityName, record: Row): string {
  return String(entity === 'cases' ? record.id : record.caseId);
}

/**
 * Fields derived locally from another synced field, never sent: each device recomputes them on apply
 * (local-fields.ts `derive`). `categorySlot` follows `category`; were it sent, a last-writer slot could
 * land beside a category the base-version rule refused, and the server would hold a slot that
 * contradicts its category.
 */
export const DERIVED_FIELDS: Partial<Record<SyncedEntityName, readonly string[]>> = {
  media: ['categorySlot'],
};

/** The synced fields of a record as sent: without the derived ones. */
export function sentFields(entity: SyncedEntityName, record: Row): Record<string, unknown> {
  const out = syncedFields(entity, record);
  for (const field of DERIVED_FIELDS[entity] ?? []) delete out[field];
  return out;
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
export function diffSynced(
  entity: SyncedEntityName,
  old: Row | undefined,
  next: Row,
): SyncedDiff | undefined {
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
  const rules = ENTITY_RULES[entity];
  const versions = (old.fieldVersions ?? {}) as Record<string, number>;
  const baseFields = changed.filter((f) => rules.baseVersion.includes(f));
  const baseVersions =
    baseFields.length > 0 ? Object.fromEntries(baseFields.map((f) => [f, versions[f] ?? 0])) : undefined;
  return { fields, previous, ...(baseVersions ? { baseVersions } : {}) };
}
