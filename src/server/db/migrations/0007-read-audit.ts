import type { Kysely, Migration } from 'kysely';

/**
 * Reads and writes that can be reconstructed (issue 15):
 * - `sync_changes.actor_id`: the account whose push wrote the row (null for the server's own rows:
 *   notices, grants, and everything before this migration). Deconfliction names it as the account
 *   whose push revealed a match.
 * - `session_case_reads`: the cases each session has downloaded (bootstrap or pull), so `case.read`
 *   is audited once per session and case, not on every 30-second pull. Rows of an ended session go
 *   with it (cascade).
 */
export function readAudit(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('sync_changes').addColumn('actor_id', 'text').execute();
      await db.schema
        .createTable('session_case_reads')
        .addColumn('token_hash', 'text', (c) =>
          c.notNull().references('sessions.token_hash').onDelete('cascade'),
        )
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('session_case_reads_pk', ['token_hash', 'case_id'])
        .execute();
    },
  };
}
