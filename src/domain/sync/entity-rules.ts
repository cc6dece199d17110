import type { FieldRule } from './field-rules';

/**
 * How one synced entity is merged: a rule per field, keyed by the record's own field names, plus the
 * entity-wide rules. The rules of each entity are written beside its schema (src/contract/records), so a
 * renamed field is a compile error in both; this module only says what a set of rules is.
 *
 * A field with no rule is not part of the record: the server refuses it (an allow-list, never a
 * strip-list), and a client never sends it (its local-only fields live beside the synced ones).
 */
export interface EntityRules<F extends string = string> {
  readonly fields: { readonly [K in F]: FieldRule };
  /** Append-only revisions: every field immutable, no client delete (a deletion is a new revision). */
  readonly appendOnly: boolean;
  /** Written only by the server (deconfliction notices): clients may set only `clientWritable`. */
  readonly serverOwned: boolean;
  readonly clientWritable: readonly F[];
  /** The field naming the series an entity belongs to (indexed on the server), if any. */
  readonly seriesField?: F | undefined;
  /** A delete is refused while the server still holds members of it (series: add-wins membership). */
  readonly keptWhileMembers: boolean;
}

/** The field's merge rule, or undefined when the entity has no such field. */
export function ruleOf(rules: EntityRules, field: string): FieldRule | undefined {
  return Object.hasOwn(rules.fields, field) ? rules.fields[field] : undefined;
}

/** The entity's fields with the given rule (base-version fields name the versions their writers saw). */
export function fieldsWithRule<F extends string>(rules: EntityRules<F>, rule: FieldRule): F[] {
  return (Object.keys(rules.fields) as F[]).filter((f) => rules.fields[f] === rule);
}
