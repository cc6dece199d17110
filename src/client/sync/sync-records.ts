import type { DeconflictionNotice } from '../../contract/sync.contract';
import type { SyncedEntityName } from '../../domain/sync/entity-rules';

/**
 * The local sync tables' records (schema version 5). Synced records themselves carry two more fields,
 * never sent (SYNC_META_FIELDS): `serverSeq`, the server change sequence of the state they hold, and
 * `fieldVersions`, the per-field versions later base-version writes name.
 */

/**
 * One local change of a team case, waiting to be pushed. Written by the outbox middleware in the same
 * transaction as the change; deleted once the server has answered for its `seq`.
 */
export interface OutboxRow {
  /** Auto-increment: 1, 2, 3… per local database, the protocol's per-client sequence. */
  readonly seq: number;
  readonly mutationId: string;
  readonly caseId: string;
  readonly entity: SyncedEntityName;
  readonly entityId: string;
  readonly op: 'put' | 'delete';
  /** `put`: the synced fields this change set (all of them for a new record; null = removed). */
  readonly fields?: Record<string, unknown>;
  /** `put`: what those fields held before (membership rules need what the writer saw). */
  readonly previous?: Record<string, unknown>;
  /** `put`: for base-version fields, the server version the writer saw (0 = never synced). */
  readonly baseVersions?: Record<string, number>;
  readonly at: string;
}

/**
 * Key-value rows of sync bookkeeping: `client` (clientId), `cursor` (pull cursor), `bootstrap:*` and
 * `bootstrap:<caseId>` (a bootstrap in progress or owed), `share:<caseId>` (a share in progress),
 * `rejections` (the last refused changes, in words), `status` (the sync leader's last result).
 */
export interface SyncStateRecord {
  readonly id: string;
  readonly clientId?: string;
  /** Owner: the analyst this database syncs for. */
  readonly userId?: string;
  readonly cursor?: number;
  /** Bootstrap: the case (absent = every case of the caller), next page token, cursor of page 1. */
  readonly caseId?: string;
  readonly after?: string | null;
  readonly startCursor?: number | null;
  /** Full bootstrap: the cases the pages so far covered (the rest are purged at the end). */
  readonly caseIds?: readonly string[];
  /** Share: entity tables already enqueued. */
  readonly doneEntities?: readonly string[];
  readonly rejections?: readonly RejectionNote[];
  /** Status: the leader tab's last result. */
  readonly lastSyncAt?: string;
  readonly error?: string | null;
}

export interface RejectionNote {
  readonly at: string;
  readonly caseId: string;
  readonly entity: string;
  readonly entityId: string;
  /** The server's sentence (what was refused and why). */
  readonly reason: string;
}

/** A base-version field the server refused because someone else changed it first: the analyst decides. */
export interface SyncConflict {
  /** `<mutationId>:<field>`, so a replayed conflict change is stored once. */
  readonly id: string;
  readonly caseId: string;
  readonly entity: SyncedEntityName;
  readonly entityId: string;
  readonly field: string;
  /** What this analyst proposed. */
  readonly mine: unknown;
  /** What the server holds (the other writer's value) and its field version. */
  readonly theirs: unknown;
  readonly theirsVersion: number;
  readonly status: 'open' | 'resolved';
  readonly mutationId: string;
  readonly createdAt: string;
  readonly resolvedAt?: string;
  readonly resolution?: 'mine' | 'theirs';
}

/** A deconfliction notice as stored locally (server-owned; the client may only acknowledge it). */
export type NoticeRecord = DeconflictionNotice & {
  readonly version?: number;
  readonly serverSeq?: number;
  readonly fieldVersions?: Record<string, number>;
};
