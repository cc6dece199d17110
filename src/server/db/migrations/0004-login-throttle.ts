import type { Kysely, Migration } from 'kysely';

/**
 * Sign-in throttling in the database, so every server process (and the CLI) shares it
 * (services/login-throttle.ts).
 * - login_throttle: one row per limited key (an account, an address, an account from one address)
 *   holding its GCRA "theoretical arrival time" in epoch milliseconds. A row whose time has passed
 *   limits nothing and may be deleted at any moment. Writers lock the rows of an attempt (in key
 *   order) for the length of one short transaction.
 * - login_known_sources: addresses an account signed in from successfully, recently; such a sign-in is
 *   not held back by the address's own limit (a shared proxy address under attack does not lock out
 *   the people who work behind it).
 */
export function loginThrottleTables(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('login_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('tat_ms', 'double precision', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('login_known_sources')
        .addColumn('username_key', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('last_success_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('login_known_sources_pk', ['username_key', 'ip'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('login_known_sources').execute();
      await db.schema.dropTable('login_throttle').execute();
    },
  };
}
