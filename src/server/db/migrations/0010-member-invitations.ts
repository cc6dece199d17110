import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Members by invitation (issue 15): adding a member writes a pending invitation, and only the invitee's
 * acceptance writes the case_members row, so case_members keeps meaning "accepted members" everywhere it
 * is read (access checks, case lists, sync, deconfliction notices).
 *
 * An invitation names the username as typed and its lookup key; `user_id` is the account that key
 * belonged to when invited, or null when none did (or it was disabled). A null-user invitation can never
 * be accepted, not even by an account created later under that name: it exists so that the inviter sees
 * the same thing whether or not the username exists.
 */
export function memberInvitations(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('case_invitations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('username_key', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'analyst', 'viewer')`))
        .addColumn('invited_by', 'text', (c) => c.notNull())
        .addColumn('invited_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('case_invitations_case_username', ['case_id', 'username_key'])
        .execute();
      await db.schema
        .createIndex('case_invitations_user_id')
        .on('case_invitations')
        .column('user_id')
        .execute();
    },
  };
}
