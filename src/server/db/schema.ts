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
}

export interface CaseMembersTable {
  case_id: string;
  user_id: string;
  role: CaseRole;
  added_by: string | null;
  added_at: string;
  updated_at: string;
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

export interface DatabaseSchema {
  server_meta: ServerMetaTable;
  users: UsersTable;
  sessions: SessionsTable;
  cases: CasesTable;
  case_members: CaseMembersTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}
