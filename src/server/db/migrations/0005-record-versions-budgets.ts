import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Synced records defined once (src/contract/records) and bounded work per account:
 * - `data_version` on stored entity states and change-log rows: the record definition's version the
 *   data was written at; older data is migrated by the definition's numbered migrations when read.
 *   Everything stored before this migration is version 1.
 * - `account_usage`: per-account counters in fixed time windows (pushes per minute, deconfliction
 *   lookups per hour), in the database so that every server process counts against the same budget.
 * - `account_storage`: the bytes of synced records each account has written (net of its later edits).
 * - Case records made by 0003 from existing cases lacked `createdAt`, which the case record now
 *   requires: it is filled from the case row, so those records parse in every browser.
 */
export function recordVersionsAndBudgets(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('sync_entities')
        .addColumn('data_version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable('sync_changes').addColumn('data_version', 'integer').execute();

      await db.schema
        .createTable('account_usage')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('budget', 'text', (c) => c.notNull())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('used', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('account_usage_pk', ['user_id', 'budget', 'window_start'])
        .execute();

      await db.schema
        .createTable('account_storage')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('bytes', 'bigint', (c) => c.notNull())
        .execute();

      const cases = await sql<{ id: string; data: string; field_versions: string; created_at: string }>`
        select e.id, e.data, e.field_versions, c.created_at
        from sync_entities e join cases c on c.id = e.id
        where e.entity = 'cases'
      `.execute(db);
      for (const row of cases.rows) {
        const data = JSON.parse(row.data) as Record<string, unknown>;
        if (typeof data.createdAt === 'string') continue;
        const versions = JSON.parse(row.field_versions) as Record<string, number>;
        await sql`update sync_entities set data = ${JSON.stringify({ ...data, createdAt: row.created_at })},
                  field_versions = ${JSON.stringify({ ...versions, createdAt: 1 })}
                  where entity = 'cases' and id = ${row.id}`.execute(db);
      }
    },
  };
}
