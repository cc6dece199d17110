import { z } from 'zod';

import { REJECTION_REASONS } from '../domain/sync/rejection-reason';
import type { noticeRecord } from './records/notice.record';
import { SYNCED_ENTITIES } from './records/synced-records';

/**
 * The sync protocol, version 2 (docs/SYNC.md; push after Replicache, pull after Linear and PowerSync).
 * A client that speaks another version gets 426 (`upgrade_required`) and must reload.
 *
 * - Records: one definition per synced entity (records/synced-records.ts): the server validates every
 *   mutation's fields against it (an allow-list: unknown fields are refused, not stored) and stores only
 *   records that parse; a browser validates what it receives the same way and sets aside what does not.
 *   Refusals travel as codes (`RejectionReason`), worded by the UI.
 *
 * - Push: the client's outbox rows in `seq` order. The server skips `seq <= lastSeq` (already applied),
 *   stops at a gap, and applies the rest one by one, each in its own transaction with its change-log rows.
 *   A mutation the rules refuse still advances `lastSeq`; its outcome comes back through pull as a change
 *   addressed to that client only (`mutation_rejected`, `conflict`), so the queue never blocks.
 * - Pull: change-log rows after `cursor`, only of cases the caller belongs to (plus rows addressed to the
 *   caller), in server order. A `put` carries the entity's whole current state and the server sequence of
 *   its last change (`seq`), so applying is idempotent: a client ignores a change whose `seq` is not newer
 *   than the entity's stored one, which makes duplicated, re-ordered or replayed pages harmless.
 * - Bootstrap: the current state of a case (or of every case of the caller), paged by entity key, with the
 *   cursor to pull from afterwards (taken before the first page; see `applies` above for why that is safe).
 * - 410 (`cursor_expired`) when the change log was compacted past the cursor: purge and bootstrap again.
 */
export const SYNC_PROTOCOL_VERSION = 2;

export const SyncedEntity = z.enum(SYNCED_ENTITIES);
export type SyncedEntity = z.infer<typeof SyncedEntity>;

const Id = z.string().min(1).max(128);
/**
 * A record's fields on the wire. Deliberately loose here (each entity's schema checks them: the server
 * per mutation, the browser per received record), so one malformed record never fails a whole page.
 */
const Fields = z.record(z.string().max(64), z.unknown());

export const Mutation = z.object({
  /** ULID made by the client: a unique index on it is the second guard against applying twice. */
  mutationId: Id,
  /** The outbox key: 1, 2, 3… per client, no gaps. */
  seq: z.number().int().min(1),
  caseId: Id,
  entity: SyncedEntity,
  id: Id,
  op: z.enum(['put', 'delete']),
  /** `put`: the fields this change sets (every field when the entity is new). */
  fields: Fields.optional(),
  /** `put`: the values the writer saw before its change, for the fields it changed (membership rules). */
  previous: Fields.optional(),
  /** `put`: for base-version fields, the server field version the writer saw (0 = never synced). */
  baseVersions: z.record(z.string().max(64), z.number().int().min(0)).optional(),
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  clientId: Id,
  mutations: z.array(Mutation).max(500),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** An account budget that can hold a push (server config; README "Budgets"). */
export const HoldingBudget = z.enum(['lookups', 'storedBytes']);
export type HoldingBudget = z.infer<typeof HoldingBudget>;

export const PushResponse = z.object({
  /** Every outbox row up to this seq is done (applied, duplicate or refused): delete them. */
  lastSeq: z.number().int().min(0),
  /** The server change sequence after this push, so the client can pull at once. */
  latestSeq: z.number().int().min(0),
  /**
   * The push stopped before the mutation after `lastSeq` because the account's budget is spent: that
   * mutation and the rest stay in the outbox, to be sent when the budget allows (`retryAfterSeconds`;
   * null when only an administrator can raise it).
   */
  held: z.object({ budget: HoldingBudget, retryAfterSeconds: z.number().int().min(1).nullable() }).optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const RejectionReasonCode = z.enum(REJECTION_REASONS);

export const FieldConflict = z.object({
  field: z.string().max(64),
  /** What the server holds (the other writer's value) and its version; the analyst decides. */
  current: z.unknown(),
  currentVersion: z.number().int(),
  proposed: z.unknown(),
});
export type FieldConflict = z.infer<typeof FieldConflict>;

export const Change = z.object({
  /** Server change sequence: commit order equals cursor order (sync_counter row lock on PostgreSQL). */
  seq: z.number().int().min(1),
  caseId: z.string(),
  kind: z.enum(['put', 'delete', 'case_granted', 'case_revoked', 'mutation_rejected', 'conflict']),
  entity: SyncedEntity.optional(),
  id: z.string().optional(),
  /** `put`: the entity's whole current state. */
  data: Fields.optional(),
  /** `put`: per-field server versions (base versions for later writes). */
  fieldVersions: z.record(z.string(), z.number().int()).optional(),
  /** `mutation_rejected` and `conflict`: which mutation, why, and what the server kept. */
  mutationId: z.string().optional(),
  /** `mutation_rejected`: why, as a code the UI words; the field at fault and a bound when they apply. */
  reason: RejectionReasonCode.optional(),
  field: z.string().max(200).optional(),
  limit: z.number().int().optional(),
  conflicts: z.array(FieldConflict).optional(),
});
export type Change = z.infer<typeof Change>;

/**
 * Largest pages the server answers with: each page is read, checked and serialized in one turn of the
 * server's event loop, so pages stay small enough (tens of ms) that no client can stall the others.
 */
export const MAX_PULL_LIMIT = 500;
export const MAX_BOOTSTRAP_LIMIT = 1000;

export const PullRequest = z.object({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  clientId: Id,
  cursor: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResponse = z.object({
  changes: z.array(Change),
  /** Store with the applied page, in one transaction; advances even when a filtered page is empty. */
  nextCursor: z.number().int().min(0),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const SnapshotEntity = z.object({
  caseId: z.string(),
  entity: SyncedEntity,
  id: z.string(),
  data: Fields,
  fieldVersions: z.record(z.string(), z.number().int()),
  /** Server sequence of the entity's last change. */
  seq: z.number().int().min(1),
});
export type SnapshotEntity = z.infer<typeof SnapshotEntity>;

export const BootstrapRequest = z.object({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  clientId: Id,
  /** One case (after `case_granted`), or every case of the caller when absent. */
  caseId: Id.optional(),
  /** Opaque page token from the previous page; absent on the first. */
  after: z.string().max(512).optional(),
  limit: z.number().int().min(1).max(MAX_BOOTSTRAP_LIMIT).optional(),
});
export type BootstrapRequest = z.infer<typeof BootstrapRequest>;

export const BootstrapResponse = z.object({
  entities: z.array(SnapshotEntity),
  /** Cases (ids) this bootstrap covers, so the client can mark them as team cases. */
  caseIds: z.array(z.string()),
  /** First page: the change sequence to pull from once every page is stored. */
  cursor: z.number().int().min(0),
  nextAfter: z.string().nullable(),
});
export type BootstrapResponse = z.infer<typeof BootstrapResponse>;

/** Server-sent event `poke` on GET /api/sync/events: something after `latestSeq` may concern you. */
export const SyncPoke = z.object({ latestSeq: z.number().int().min(0) });
export type SyncPoke = z.infer<typeof SyncPoke>;

/**
 * A deconfliction notice (entity `notices`, synced into the case it concerns): N images of this case's
 * series are also held in another case. Says who to contact, never what the other case holds.
 */
export type DeconflictionNotice = z.output<typeof noticeRecord.schema>;
