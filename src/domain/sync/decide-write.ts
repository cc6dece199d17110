import { ruleOf, type EntityRules } from './entity-rules';
import { RejectionReason } from './rejection-reason';
import { sameValue } from './same-value';

/**
 * The server's decision for one mutation against the entity's current state, field by field, by the
 * entity's rules (src/contract/records: one definition per synced entity). Pure, so the server's push
 * transaction, the convergence tests and a client predicting its optimistic state all run the same
 * code. Server order is the only clock. Refusals are codes (rejection-reason.ts), worded by the UI.
 *
 * Invariant: only fields the entity has are ever written (an unknown field refuses the whole write), so
 * what is stored is always a subset of the entity's allow-list. Field values are validated before this
 * (the contract's schemas); this decides only who wins.
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
  /** For a delete of an entity kept while it has members: how many the server still holds. */
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
  | { readonly kind: 'rejected'; readonly reason: RejectionReason; readonly field?: string };

export function decideWrite(
  rules: EntityRules,
  current: EntityState | undefined,
  write: EntityWrite,
  context: WriteContext = {},
): WriteOutcome {
  if (rules.serverOwned && !context.byServer && (write.op === 'delete' || current === undefined))
    return { kind: 'rejected', reason: RejectionReason.serverOwned };
  if (write.op === 'delete') return decideDelete(rules, current, context);

  const live = current && !current.deleted ? current : undefined;
  const data: Record<string, unknown> = { ...(current?.data ?? {}) };
  const versions: Record<string, number> = { ...(current?.fieldVersions ?? {}) };
  const changed: string[] = [];
  const conflicts: FieldConflictOutcome[] = [];
  const superseded: string[] = [];

  for (const [field, value] of Object.entries(write.fields ?? {})) {
    if (value === undefined) continue;
    const rule = ruleOf(rules, field);
    if (rule === undefined) return { kind: 'rejected', reason: RejectionReason.unknownField, field };
    if (rules.serverOwned && !context.byServer && !(rules.clientWritable as string[]).includes(field))
      return { kind: 'rejected', reason: RejectionReason.serverOwned, field };
    const had = live ? live.data[field] : undefined;
    if (live && sameValue(had, value)) continue;
    // A new entity (or a revived tombstone) takes every field as its first value.
    if (live && had !== undefined) {
      if (rules.appendOnly || rule === 'immutable')
        return { kind: 'rejected', reason: RejectionReason.immutableField, field };
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
  rules: EntityRules,
  current: EntityState | undefined,
  context: WriteContext,
): WriteOutcome {
  if (rules.appendOnly) return { kind: 'rejected', reason: RejectionReason.appendOnly };
  if (!current || current.deleted) return { kind: 'unchanged', conflicts: [], superseded: [] };
  if (rules.keptWhileMembers && (context.liveMembers ?? 0) > 0)
    return { kind: 'rejected', reason: RejectionReason.seriesNotEmpty };
  return {
    kind: 'applied',
    next: { ...current, deleted: true },
    changed: [],
    conflicts: [],
    superseded: [],
  };
}
