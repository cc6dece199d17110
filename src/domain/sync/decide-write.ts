import { ENTITY_RULES, ruleOf, type SyncedEntityName } from './entity-rules';
import { sameValue } from './same-value';

/**
 * The server's decision for one mutation against the entity's current state, field by field, by the
 * rules of entity-rules.ts. Pure, so the server's push transaction, the convergence tests and a client
 * predicting its optimistic state all run the same code. Server order is the only clock.
 */
export interface EntityState {
  readonly data: Readonly<Record<string, unknown>>;
  /** Per field: bumped on every applied write, the base version later writes name. */
  readonly fieldVersions: Readonly<Record<string, number>>;
  readonly deleted: boolean;
}

export interface EntityWrite {
  readonly op: 'put' | 'delete';
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly previous?: Readonly<Record<string, unknown>>;
  readonly baseVersions?: Readonly<Record<string, number>>;
}

export interface WriteContext {
  /** The server itself writes (deconfliction notices): server-owned fields are open to it. */
  readonly byServer?: boolean;
  /** For a series delete: how many media are still in it at the server (add-wins: then it stays). */
  readonly liveMembers?: number;
}

export interface FieldConflictOutcome {
  readonly field: string;
  readonly current: unknown;
  readonly currentVersion: number;
  readonly proposed: unknown;
}

export type WriteOutcome =
  | {
      readonly kind: 'applied';
      readonly next: EntityState;
      readonly changed: readonly string[];
      readonly conflicts: readonly FieldConflictOutcome[];
      /** Membership moves not applied because someone moved the member first (their add wins). */
      readonly superseded: readonly string[];
    }
  | {
      readonly kind: 'unchanged';
      readonly conflicts: readonly FieldConflictOutcome[];
      readonly superseded: readonly string[];
    }
  | { readonly kind: 'rejected'; readonly reason: string };

export function decideWrite(
  entity: SyncedEntityName,
  current: EntityState | undefined,
  write: EntityWrite,
  context: WriteContext = {},
): WriteOutcome {
  const rules = ENTITY_RULES[entity];
  if (rules.serverOwned && !context.byServer && (write.op === 'delete' || current === undefined))
    return { kind: 'rejected', reason: 'Only the server creates or deletes this record.' };
  if (write.op === 'delete') return decideDelete(entity, current, context);

  const live = current && !current.deleted ? current : undefined;
  const data: Record<string, unknown> = { ...(current?.data ?? {}) };
  const versions: Record<string, number> = { ...(current?.fieldVersions ?? {}) };
  const changed: string[] = [];
  const conflicts: FieldConflictOutcome[] = [];
  const superseded: string[] = [];

  for (const [field, value] of Object.entries(write.fields ?? {})) {
    const rule = ruleOf(entity, field);
    if (rule === 'local' || value === undefined) continue;
    if (rules.serverOwned && !context.byServer && !(rules.clientWritable ?? []).includes(field))
      return { kind: 'rejected', reason: `The field "${field}" is set by the server only.` };
    const had = live ? live.data[field] : undefined;
    if (live && sameValue(had, value)) continue;
    // A new entity (or a revived tombstone) takes every field as its first value.
    if (live && had !== undefined) {
      if (rule === 'immutable')
        return { kind: 'rejected', reason: `The field "${field}" cannot change once set.` };
      if (rule === 'membership') {
        const saw = write.previous?.[field];
        if (saw !== undefined && !sameValue(saw, had)) {
          superseded.push(field);
          continue;
        }
      }
      if (rule === 'base-version') {
        const currentVersion = versions[field] ?? 0;
        if ((write.baseVersions?.[field] ?? 0) !== currentVersion) {
          conflicts.push({ field, current: had, currentVersion, proposed: value });
          continue;
        }
      }
    }
    data[field] = value;
    versions[field] = (versions[field] ?? 0) + 1;
    changed.push(field);
  }

  const revived = current?.deleted === true;
  if (changed.length === 0 && !revived) return { kind: 'unchanged', conflicts, superseded };
  return {
    kind: 'applied',
    next: { data, fieldVersions: versions, deleted: false },
    changed,
    conflicts,
    superseded,
  };
}

function decideDelete(
  entity: SyncedEntityName,
  current: EntityState | undefined,
  context: WriteContext,
): WriteOutcome {
  if (ENTITY_RULES[entity].appendOnly)
    return { kind: 'rejected', reason: 'History is append-only: record a deleting revision instead.' };
  if (!current || current.deleted) return { kind: 'unchanged', conflicts: [], superseded: [] };
  if (entity === 'series' && (context.liveMembers ?? 0) > 0)
    return {
      kind: 'rejected',
      reason: 'The series still has images someone else added, so it was kept.',
    };
  return {
    kind: 'applied',
    next: { ...current, deleted: true },
    changed: [],
    conflicts: [],
    superseded: [],
  };
}
