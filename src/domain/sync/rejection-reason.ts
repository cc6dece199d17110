/**
 * Why the server refused a mutation: a closed set of codes that cross the wire in `mutation_rejected`
 * changes and are worded by the UI (never an English sentence as data). Defined once here, because the
 * pure write rules (decide-write.ts) produce some of them and the server's checks the rest.
 */
export const RejectionReason = {
  /** No case with this id, or the writer is not a member of it. */
  notMember: 'not_member',
  /** The writer's role on the case (viewer) does not allow changes. */
  readOnlyRole: 'read_only_role',
  /** The record's id is already used by a record of another case. */
  idTaken: 'id_taken',
  /** The record names another case than the mutation, or a case record another id than its case. */
  wrongCase: 'wrong_case',
  /**
   * A field that names another record of the case (a link's video or series) names none there, or one
   * of another kind (records' `references`).
   */
  unknownReference: 'unknown_reference',
  /** The record's `id` field differs from the mutation's id. */
  idMismatch: 'id_mismatch',
  /** A team case is not deleted through sync. */
  caseNotDeletable: 'case_not_deletable',
  /** A field the record does not have (the allow-list refuses it rather than storing it). */
  unknownField: 'unknown_field',
  /** A field's value does not have its type, format, range or length. */
  invalidField: 'invalid_field',
  /** The record as it would be stored breaks its schema (a required field missing, fields disagreeing). */
  invalidRecord: 'invalid_record',
  /** The record would exceed the size cap of its kind. */
  tooLarge: 'too_large',
  /** A field that is set once (hashes, links, history) was sent with another value. */
  immutableField: 'immutable_field',
  /** Only the server creates, deletes or sets this (deconfliction notices). */
  serverOwned: 'server_owned',
  /** History is append-only: a deletion is a new revision. */
  appendOnly: 'append_only',
  /** A series delete refused because images someone else added are still in it (add-wins). */
  seriesNotEmpty: 'series_not_empty',
  /** A move not applied because someone else moved the image first (their move was kept). */
  superseded: 'superseded',
  /** Any other refusal (changes logged before reasons were codes). */
  refused: 'refused',
} as const;
export type RejectionReason = (typeof RejectionReason)[keyof typeof RejectionReason];

export const REJECTION_REASONS = Object.values(RejectionReason) as readonly RejectionReason[] as readonly [
  RejectionReason,
  ...RejectionReason[],
];

export function isRejectionReason(value: unknown): value is RejectionReason {
  return typeof value === 'string' && (REJECTION_REASONS as readonly string[]).includes(value);
}
