import type { z } from 'zod';

import { RejectionReason } from '../../domain/sync/rejection-reason';
import type { RecordData, RecordDefinition } from './define-record';

/**
 * Validation of synced records against their definitions: a mutation's fields one by one (what a
 * browser sends), and a whole record (what the server is about to store, or what a browser received).
 * Refusals are codes with the field they concern, never sentences.
 */
export interface Refusal {
  readonly reason: RejectionReason;
  /** The field at fault (its path inside the record for a nested value, dot-separated). */
  readonly field?: string;
  /** The bound that was exceeded (bytes for `too_large`). */
  readonly limit?: number;
}

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };

/** A mutation's fields: each known to the entity and of its type; null removes a removable field. */
export function checkFields(
  definition: RecordDefinition,
  fields: Readonly<Record<string, unknown>>,
): Checked<RecordData> {
  const shape = definition.schema.shape as Record<string, z.ZodType>;
  const out: RecordData = {};
  for (const [field, value] of Object.entries(fields)) {
    const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
    if (!schema) return refuse(RejectionReason.unknownField, field);
    if (value === null && definition.removable.has(field)) {
      out[field] = null;
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) return refuse(RejectionReason.invalidField, pathOf(field, parsed.error));
    out[field] = parsed.data;
  }
  return { ok: true, value: out };
}

/** Drops removed fields (null on a removable field) from a record about to be stored. */
export function withoutRemoved(definition: RecordDefinition, data: Readonly<RecordData>): RecordData {
  const out: RecordData = {};
  for (const [field, value] of Object.entries(data))
    if (!(value === null && definition.removable.has(field))) out[field] = value;
  return out;
}

/** A whole record: its schema (every required field, cross-field rules) and its size cap. */
export function checkRecord(definition: RecordDefinition, data: Readonly<RecordData>): Checked<RecordData> {
  const shaped = checkShape(definition, data);
  if (!shaped.ok) return shaped;
  const bytes = utf8Length(JSON.stringify(data));
  if (bytes > definition.maxBytes)
    return { ok: false, refusal: { reason: RejectionReason.tooLarge, limit: definition.maxBytes } };
  return shaped;
}

/**
 * A whole record against its schema only (what a browser checks of a record it receives: the server
 * may hold data older than today's size caps, but never a record that lacks its fields' types).
 */
export function checkShape(definition: RecordDefinition, data: Readonly<RecordData>): Checked<RecordData> {
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issue.path.map(String).join('.') : '';
    const top = issue?.path[0];
    const reason =
      issue?.code === 'unrecognized_keys'
        ? RejectionReason.unknownField
        : typeof top === 'string' && !(top in data)
          ? RejectionReason.invalidRecord
          : RejectionReason.invalidField;
    const field = issue?.code === 'unrecognized_keys' ? issue.keys[0] : path || undefined;
    return refuse(reason, field);
  }
  return { ok: true, value: parsed.data };
}

/** Brings stored data of an older record version up to the definition's current version. */
export function migrateRecord(
  definition: RecordDefinition,
  data: Readonly<RecordData>,
  fromVersion: number,
): RecordData {
  let out: RecordData = { ...data };
  for (let v = fromVersion + 1; v <= definition.version; v++) {
    const step = definition.migrations[v];
    if (!step) throw new Error(`${definition.entity}: no migration to version ${v}`);
    out = step(out);
  }
  return out;
}

function refuse(reason: RejectionReason, field?: string): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: field === undefined ? { reason } : { reason, field } };
}

function pathOf(field: string, error: z.ZodError): string {
  const inner = error.issues[0]?.path ?? [];
  return [field, ...inner.map(String)].join('.');
}

/** Bytes of a string in UTF-8 (the contract realm has no TextEncoder type). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
