import { sql, type Kysely, type Migration } from 'kysely';

import type { DatabaseKind } from '../../../contract/health.contract';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Accounts, sessions, cases with members, and the append-only audit trail. The audit tables get
 * triggers that refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL): the only dialect-specific SQL.
 */
export function accountsCasesAudit(kind: DatabaseKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('username_key', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('organization', 'text', (c) => c.notNull())
        .addColumn('contact', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('deleted_at', 'text')
        .execute();

      await db.schema
        .createTable('case_members')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'analyst', 'viewer')`))
        .addColumn('added_by', 'text')
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_members_pk', ['case_id', 'user_id'])
        .execute();
      await db.schema.createIndex('case_members_user_id').on('case_members').column('user_id').execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('case_id', 'text')
        .addColumn('subject', 'text')
        .addColumn('ip', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('entry_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_case_id').on('audit_log').column('case_id').execute();

      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS_HASH})`.execute(db);

      if (kind === 'sqlite') {
        for (const op of ['UPDATE', 'DELETE'] as const) {
          await sql
            .raw(
              `CREATE TRIGGER audit_log_no_${op.toLowerCase()} BEFORE ${op} ON audit_log ` +
                `BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: ${op} refused'); END`,
            )
            .execute(db);
        }
        await sql
          .raw(
            `CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head ` +
              `BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head WHEN NEW.seq < OLD.seq ` +
              `BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward'); END`,
          )
          .execute(db);
      } else {
        await sql
          .raw(
            `CREATE FUNCTION waymark_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP; END $$`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
             FOR EACH ROW EXECUTE FUNCTION waymark_audit_append_only()`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
             FOR EACH STATEMENT EXECUTE FUNCTION waymark_audit_append_only()`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE FUNCTION waymark_audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
               IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'audit_head cannot be deleted'; END IF;
               IF NEW.seq < OLD.seq THEN RAISE EXCEPTION 'audit_head only moves forward'; END IF;
               RETURN NEW;
             END $$`,
          )
          .execute(db);
        await sql
          .raw(
            `CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_head
             FOR EACH ROW EXECUTE FUNCTION waymark_audit_head_guard()`,
          )
          .execute(db);
      }
    },

    async down(db: Kysely<unknown>): Promise<void> {
      // An audit trail is never migrated away; refusing keeps a rollback from destroying evidence.
      await Promise.resolve(db);
      throw new Error('migration 0002 cannot be undone: it holds the audit trail');
    },
  };
}
