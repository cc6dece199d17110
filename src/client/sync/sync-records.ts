import type { SyncedEntity } from '../../contract/records/synced-records';

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
  readonly entity: SyncedEntity;
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
 * `rejections` (the last refused changes, as codes), `unreadable` (received records that did not parse),
 * `status` (the sync leader's last result).
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
  readonly unreadable?: readonly UnreadableRecordNote[];
  /** Status: the leader tab's last result. */
  readonly lastSyncAt?: string;
  readonly error?: string | null;
}

/** A change the server refused: what, and why as the server's code (worded by the UI). */
export interface RejectionNote {
  readonly at: string;
  readonly caseId: string;
  readonly entity: string;
  readonly entityId: string;
  /** A RejectionReason; notes kept before reasons were codes hold a sentence (shown as generic). */
  readonly reason: string;
  readonly field?: string;
  readonly limit?: number;
}

/**
 * A record the team server sent that does not parse with its definition (written into the server's
 * database by something other than Waymark, or damaged): set aside, never stored, named to the analyst.
 */
export interface UnreadableRecordNote {
  readonly at: string;
  readonly caseId: string;
  readonly entity: string;
  readonly entityId: string;
  /** The first field at fault (dot path), or '' when the record as a whole is wrong. */
  readonly field: string;
}

/** A base-version field the server refused because someone else changed it first: the analyst decides. */
export interface SyncConflict {
  /** `<mutationId>:<field>`, so a replayed conflict change is stored once. */
  readonly id: string;
  readonly caseId: string;
  readonly entity: SyncedEntity;
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
export type { NoticeRecord } from '../db/records';
