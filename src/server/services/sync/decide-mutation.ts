import {
  checkFields,
  checkRecord,
  utf8Length,
  withoutRemoved,
  type Refusal,
} from '../../../contract/records/record-validation';
import { SYNCED_RECORDS } from '../../../contract/records/synced-records';
import { withAuthor } from '../../../contract/records/written-by';
import type { Mutation } from '../../../contract/sync.contract';
import { normalizeCaseName } from '../../../domain/case/case';
import { decideWrite, type EntityState, type WriteOutcome } from '../../../domain/sync/decide-write';
import { RejectionReason } from '../../../domain/sync/rejection-reason';

export type Decision =
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | (Extract<WriteOutcome, { kind: 'applied' }> & {
      /** Bytes of the stored record after the write (UTF-8 JSON; 0 for a tombstone). */
      readonly bytes: number;
    })
  | Extract<WriteOutcome, { kind: 'unchanged' }>;

/**
 * What the server does with one authorized mutation, before anything is written: its fields checked
 * against the entity's definition (an allow-list with each field's type), the merge rules decided
 * (decideWrite), and the record as it would be stored checked whole (required fields, cross-field
 * rules, size cap). Invariant: an `applied` decision's state parses with the entity's schema, so the
 * server never stores an invalid record, whatever a client sends.
 */
export function decideMutation(
  m: Mutation,
  current: EntityState | undefined,
  context: {
    readonly liveMembers?: number | undefined;
    /** The signed-in account's name (written-by.ts): it, not the browser, authors the record. */
    readonly author: string;
  },
): Decision {
  const definition = SYNCED_RECORDS[m.entity];
  const live = current !== undefined && !current.deleted;
  let fields: Record<string, unknown> =
    m.op === 'put'
      ? withAuthor(definition, { ...(m.fields ?? {}) }, live, context.author)
      : { ...(m.fields ?? {}) };
  // A change to a live record is checked field by field (its other fields are already valid); a new
  // record is checked whole below, once it is merged, which checks every field it sends anyway.
  if (m.op === 'put' && live) {
    const checked = checkFields(definition, fields);
    if (!checked.ok) return { kind: 'refused', refusal: checked.refusal };
    fields = checked.value;
  }
  if (m.entity === 'cases') {
    if (m.id !== m.caseId) return refused(RejectionReason.wrongCase, 'id');
    if (m.op === 'delete') return refused(RejectionReason.caseNotDeletable);
    if (typeof fields.name === 'string') {
      const name = normalizeCaseName(fields.name);
      if (!name.ok) return refused(RejectionReason.invalidField, 'name');
      fields.name = name.name;
    }
  } else if (fields.caseId !== undefined && fields.caseId !== m.caseId) {
    return refused(RejectionReason.wrongCase, 'caseId');
  }
  if (fields.id !== undefined && fields.id !== m.id) return refused(RejectionReason.idMismatch, 'id');
  // `previous` and `baseVersions` only name fields of the record (their values are compared, not stored).
  const shape = definition.rules.fields as Readonly<Record<string, unknown>>;
  for (const field of [...Object.keys(m.previous ?? {}), ...Object.keys(m.baseVersions ?? {})])
    if (!Object.hasOwn(shape, field)) return refused(RejectionReason.unknownField, field);

  const outcome = decideWrite(
    definition.rules,
    current,
    {
      op: m.op,
      fields,
      ...(m.previous ? { previous: m.previous } : {}),
      ...(m.baseVersions ? { baseVersions: m.baseVersions } : {}),
    },
    context.liveMembers === undefined ? {} : { liveMembers: context.liveMembers },
  );
  if (outcome.kind === 'rejected')
    return {
      kind: 'refused',
      refusal: { reason: outcome.reason, ...(outcome.field ? { field: outcome.field } : {}) },
    };
  // A put that would create a record without a single field creates nothing: it is not a record.
  if (outcome.kind === 'unchanged' && m.op === 'put' && current === undefined)
    return refused(RejectionReason.invalidRecord);
  if (outcome.kind === 'unchanged') return outcome;
  if (outcome.next.deleted) return { ...outcome, bytes: 0 };
  const data = withoutRemoved(definition, outcome.next.data);
  const whole = checkRecord(definition, data);
  if (!whole.ok) return { kind: 'refused', refusal: whole.refusal };
  return { ...outcome, next: { ...outcome.next, data }, bytes: utf8Length(JSON.stringify(data)) };
}

function refused(reason: RejectionReason, field?: string): Decision {
  return { kind: 'refused', refusal: field === undefined ? { reason } : { reason, field } };
}
