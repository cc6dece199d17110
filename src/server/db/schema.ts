import type { Generated } from 'kysely';

import type { CaseRole } from '../../contract/cases.contract';

/**
 * Kysely table types: one interface per table, shared by every repository. Times are ISO-8601 UTC
 * strings (`Date.toISOString()`): portable across SQLite and PostgreSQL and ordered as text.
 * Booleans are integers 0/1 for the same reason.
 */
export interface ServerMetaTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: string;
  /** As typed at creation, stored verbatim. */
  username: string;
  /** NFC + lower case: unique, and what sign-in looks up. */
  username_key: string;
  display_name: string;
  organization: string;
  contact: string;
  /** PHC string (argon2id). */
  password_hash: string;
  is_admin: number;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the opaque token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute end, set at sign-in. */
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface CasesTable {
  /** Client-made ULID, kept when a local case becomes a team case. */
  id: string;
  name: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** Bumped on every change: the base version a later change log and conflict checks compare with. */
  version: number;
  /** Tombstone for sync; null while the case lives. */
  deleted_at: string | null;
  /** What deconfliction notices show other cases of this one: 'unit' or 'unit-and-case' (0009). */
  notice_disclosure: string;
}

export interface CaseMembersTable {
  case_id: string;
  user_id: string;
  role: CaseRole;
  added_by: string | null;
  added_at: string;
  updated_at: string;
}

/** Pending invitations to a case (0010); accepting one moves it to case_members. */
export interface CaseInvitationsTable {
  id: string;
  case_id: string;
  /** As typed by the inviter, shown back to the case's managers. */
  username: string;
  /** NFC + lower case, as users.username_key: one pending invitation per case and key. */
  username_key: string;
  /** The account invited; null when the username had none (such an invitation cannot be accepted). */
  user_id: string | null;
  role: CaseRole;
  invited_by: string;
  invited_at: string;
}

/** An administrator's time-limited access to manage a case's members, with its reason (0010). */
export interface CaseBreakGlassTable {
  id: string;
  case_id: string;
  user_id: string;
  reason: string;
  opened_at: string;
  /** The grant is live while this is later than now; rows stay as the case's history. */
  expires_at: string;
}

export interface AuditLogTable {
  /** 1, 2, 3… without gaps; taken under the audit_head row lock. */
  seq: number;
  at: string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  case_id: string | null;
  subject: string | null;
  ip: string | null;
  /** Canonical JSON (sorted keys) of the event's details. */
  detail: string;
  prev_hash: string;
  /** SHA-256(prev_hash bytes ‖ canonical event), hex. */
  entry_hash: string;
}

/** One row (id 1): the chain's latest seq and hash. Its row lock serializes appends. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** One row (id 1): the last sync change seq handed out. Its row lock orders commits (see 0003-sync). */
export interface SyncCounterTable {
  id: number;
  v: number;
}

/** A client database (browser profile) that pushes: owned by one user, with its last applied seq. */
export interface SyncClientsTable {
  client_id: string;
  user_id: string;
  /** Every mutation of this client up to here is done (applied, duplicate or refused). */
  last_seq: number;
  created_at: string;
  last_push_at: string | null;
}

/** Mutation ids already handled: the second guard against applying a retried mutation twice. */
export interface SyncMutationsTable {
  mutation_id: string;
  client_id: string;
  seq: number;
  case_id: string;
  /** applied | unchanged | conflict | rejected | superseded */
  outcome: string;
  at: string;
}

/** The server's current state of one synced entity (or its tombstone). */
export interface SyncEntitiesTable {
  case_id: string;
  /** A SyncedEntity name (the client's table name). */
  entity: string;
  id: string;
  /** JSON of the synced fields. */
  data: string;
  /** JSON: field -> version, bumped on each applied write of the field. */
  field_versions: string;
  deleted: number;
  /** Seq of the entity's last change. */
  seq: number;
  /** The series the entity belongs to (media, clues, leads, notes, notices), for membership counts. */
  series_id: string | null;
  updated_at: string;
  /** The record definition's version `data` was written at (src/contract/records). */
  data_version: Generated<number>;
}

/** The change log clients pull; a row addressed to one user or client is delivered to them only. */
export interface SyncChangesTable {
  seq: number;
  case_id: string;
  kind: string;
  entity: string | null;
  entity_id: string | null;
  data: string | null;
  field_versions: string | null;
  only_user_id: string | null;
  only_client_id: string | null;
  mutation_id: string | null;
  reason: string | null;
  conflicts: string | null;
  at: string;
  /** With `data`: the record definition's version it was written at (null before versions). */
  data_version: number | null;
  /** The account whose push wrote the row; null for the server's own rows (0007). */
  actor_id: string | null;
  /** Media puts: 1 when deconfliction looks it up (new, revived, moved to another series). */
  look_up: number | null;
  /** Media writes: the series the media left (moved or deleted), whose notices are counted again. */
  left_series_id: string | null;
}

/** Cases a session has downloaded: `case.read` is audited once per session and case (0007). */
export interface SessionCaseReadsTable {
  token_hash: string;
  case_id: string;
  at: string;
}

/** Per-account usage in fixed windows (budget: 'pushes' and 'exportReports' per minute, 'lookups' per hour). */
export interface AccountUsageTable {
  user_id: string;
  budget: string;
  /** Window start, in ms since the epoch (a multiple of the window length). */
  window_start: number | string;
  used: number | string;
}

/** Bytes of synced records each account has written (net of its later edits and deletes). */
export interface AccountStorageTable {
  user_id: string;
  bytes: number | string;
}

/** Deconfliction: media `media_id` of `case_id` matched something in `other_case_id` by `kind`. */
export interface SyncMatchesTable {
  case_id: string;
  media_id: string;
  other_case_id: string;
  kind: string;
  at: string;
}

/** PostgreSQL hash index (0006-scale-out): one row per live media record. */
export interface DcfMediaTable {
  case_id: string;
  media_id: string;
  series_id: string;
  seq: number | string;
  md5: string | null;
  sha1: string | null;
  sha256: string | null;
  /** bit(256), as a string of 0s and 1s. */
  pdq: string | null;
}

/** A sign-in limit's state (0004-login-throttle): its GCRA theoretical arrival time, epoch ms. */
export interface LoginThrottleTable {
  key: string;
  tat_ms: number;
}

/** An address an account recently signed in from (exempt from that address's own limit). */
export interface LoginKnownSourcesTable {
  username_key: string;
  ip: string;
  last_success_at: string;
}

export interface DatabaseSchema {
  server_meta: ServerMetaTable;
  users: UsersTable;
  sessions: SessionsTable;
  cases: CasesTable;
  case_members: CaseMembersTable;
  case_invitations: CaseInvitationsTable;
  case_break_glass: CaseBreakGlassTable;
  session_case_reads: SessionCaseReadsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  sync_counter: SyncCounterTable;
  sync_clients: SyncClientsTable;
  sync_mutations: SyncMutationsTable;
  sync_entities: SyncEntitiesTable;
  sync_changes: SyncChangesTable;
  sync_matches: SyncMatchesTable;
  login_throttle: LoginThrottleTable;
  login_known_sources: LoginKnownSourcesTable;
  account_usage: AccountUsageTable;
  account_storage: AccountStorageTable;
  dcf_media: DcfMediaTable;
}
