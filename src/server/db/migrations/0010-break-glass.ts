import type { Kysely, Migration } from 'kysely';

/**
 * Break-glass grants (issue 15): an administrator who is not a member of a case may manage its members
 * only while a grant of theirs for that case is live (opened with a reason, expires_at in the future).
 * Rows are kept after they expire: the owners see who opened their case, when and why. Shares number
 * 0010 with the invitations table (same issue, disjoint tables).
 */
export function breakGlassGrants(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('case_break_glass')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('case_break_glass_case_user')
        .on('case_break_glass')
        .columns(['case_id', 'user_id', 'expires_at'])
        .execute();
    },
  };
}
