import type { z } from 'zod';

import type { EntityRules } from '../../domain/sync/entity-rules';
import type { FieldRule } from '../../domain/sync/field-rules';

/**
 * One synced entity, defined once (after tldraw's record types): its zod schema (the allow-list of its
 * fields and each field's type), the merge rule of every field keyed by the schema's own field names,
 * a size cap, and its version with numbered migrations. The Dexie record types, the outbox diff, the
 * server's validation, the pull and bootstrap types and the conflict labels all derive from it, so a
 * renamed field is a compile error wherever it is used.
 *
 * Versions: `migrations[v]` turns a record of version v-1 into version v, and `version` is the highest
 * v (1 with no migrations). The server stores each record's version and migrates older ones when it
 * reads them; a browser migrates its local copies in the Dexie upgrade of the same release.
 */
export type RecordData = Record<string, unknown>;
export type RecordMigration = (data: Readonly<RecordData>) => RecordData;

/** The fields of a record schema. */
export type FieldOf<S extends z.ZodObject> = keyof z.output<S> & string;

export interface WrittenBy<F extends string = string> {
  readonly field: F;
  readonly every?: boolean;
  readonly follows?: F;
}

/**
 * A field that names another record of the same case: the server refuses a record whose reference
 * names nothing live in that case (or a record without the `where` values: a link's media must be a
 * video), so a record never points into another case or at nothing. Checked when the field is set.
 */
export interface Reference {
  /** The named record's entity (a key of SYNCED_RECORDS; synced-records.test.ts checks it). */
  readonly entity: string;
  readonly where?: Readonly<Record<string, string>>;
}

export interface RecordSpec<
  E extends string,
  S extends z.ZodObject,
  R extends Record<FieldOf<S>, FieldRule>,
> {
  readonly entity: E;
  readonly schema: S;
  /** Every field's merge rule; a field of the schema without a rule is a compile error. */
  readonly fields: R & { readonly [K in Exclude<keyof R, FieldOf<S>>]: never };
  /** Largest stored record, in bytes of its JSON (UTF-8): a few KiB for most, more for hash carriers. */
  readonly maxBytes: number;
  readonly appendOnly?: boolean;
  readonly serverOwned?: boolean;
  readonly clientWritable?: readonly FieldOf<S>[];
  readonly seriesField?: FieldOf<S>;
  readonly keptWhileMembers?: boolean;
  /**
   * The field that names who wrote the record: filled by the server with the signed-in account
   * (written-by.ts), whatever the browser sent: when the record is made; on `every` write; or, with
   * `follows`, whenever that field is written (null when it is null: an acknowledgement withdrawn).
   */
  readonly writtenBy?: WrittenBy<FieldOf<S>>;
  readonly references?: { readonly [K in FieldOf<S>]?: Reference };
  readonly migrations?: { readonly [toVersion: number]: RecordMigration };
}

export interface RecordDefinition<
  E extends string = string,
  S extends z.ZodObject = z.ZodObject,
  R extends Record<string, FieldRule> = Record<string, FieldRule>,
> {
  readonly entity: E;
  readonly schema: S;
  readonly rules: EntityRules<FieldOf<S>> & { readonly fields: R };
  readonly maxBytes: number;
  readonly writtenBy: WrittenBy | undefined;
  /** Fields naming other records of the case, checked by the server (see Reference). */
  readonly references: Readonly<Record<string, Reference>>;
  readonly version: number;
  readonly migrations: { readonly [toVersion: number]: RecordMigration };
  /**
   * Optional fields that do not take null: a write of null removes them (JSON has no `undefined`, so
   * that is how a browser says a field went away). Never stored as null.
   */
  readonly removable: ReadonlySet<string>;
}

export function defineRecord<
  const E extends string,
  S extends z.ZodObject,
  const R extends Record<FieldOf<S>, FieldRule>,
>(spec: RecordSpec<E, S, R>): RecordDefinition<E, S, R> {
  const migrations = spec.migrations ?? {};
  const versions = Object.keys(migrations).map(Number);
  const version = versions.length === 0 ? 1 : Math.max(...versions);
  const removable = new Set<string>();
  const shape: Readonly<Record<string, z.ZodType>> = spec.schema.shape;
  for (const [field, schema] of Object.entries(shape))
    if (schema.safeParse(undefined).success && !schema.safeParse(null).success) removable.add(field);
  return {
    entity: spec.entity,
    schema: spec.schema,
    rules: {
      fields: spec.fields,
      appendOnly: spec.appendOnly ?? false,
      serverOwned: spec.serverOwned ?? false,
      clientWritable: spec.clientWritable ?? [],
      seriesField: spec.seriesField,
      keptWhileMembers: spec.keptWhileMembers ?? false,
    },
    maxBytes: spec.maxBytes,
    writtenBy: spec.writtenBy,
    references: (spec.references ?? {}) as Readonly<Record<string, Reference>>,
    version,
    migrations,
    removable,
  };
}
