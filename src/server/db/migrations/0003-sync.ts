import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Sync (docs/SYNC.md): the change counter, per-client push state, the applied
 * mutation ids, the current state of every synced entity, the change log pulled by clients, and the
 * deconfliction matches behind notice counts.
 *
 * Invariants:
 * - sync_counter (one row) holds the last change seq handed out. Every writer of sync_entities or
 *   sync_changes holds its row lock from before it reads entity state until commit, so on PostgreSQL
 *   commit order equals seq order and a reader of `seq > cursor` never misses a late commit.
 * - sync_changes rows with seq < the `sync_min_cursor` + 1 (server_meta) may have been compacted away.
 * - (entity, id) is unique across cases: an id belongs to one case, so a client holding several cases
 *   in one local table can never have one case's record overwritten by another's.
 * Existing team cases get their `cases` entity here ({ id, name, updatedAt }; createdAt is immutable and
 * comes with the owner's first put), so a first bootstrap delivers them.
 */
export function syncTables(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sync_counter')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('v', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sync_clients')
        .addColumn('client_id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_push_at', 'text')
        .execute();
      await db.schema.createIndex('sync_clients_user_id').on('sync_clients').column('user_id').execute();

      await db.schema
        .createTable('sync_mutations')
        .addColumn('mutation_id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sync_entities')
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('field_versions', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('series_id', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sync_entities_pk', ['case_id', 'entity', 'id'])
        .execute();
      await db.schema
        .createIndex('sync_entities_series')
        .on('sync_entities')
        .columns(['case_id', 'entity', 'series_id'])
        .execute();
      await db.schema
        .createIndex('sync_entities_entity_id')
        .on('sync_entities')
        .columns(['entity', 'id'])
        .unique()
        .execute();

      await db.schema
        .createTable('sync_changes')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entity', 'text')
        .addColumn('entity_id', 'text')
        .addColumn('data', 'text')
        .addColumn('field_versions', 'text')
        .addColumn('only_user_id', 'text')
        .addColumn('only_client_id', 'text')
        .addColumn('mutation_id', 'text')
        .addColumn('reason', 'text')
        .addColumn('conflicts', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      // Pull reads `seq > cursor` of the caller's cases, plus rows addressed to the caller.
      await db.schema
        .createIndex('sync_changes_case_seq')
        .on('sync_changes')
        .columns(['case_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('sync_changes_user_seq')
        .on('sync_changes')
        .columns(['only_user_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('sync_changes_client_seq')
        .on('sync_changes')
        .columns(['only_client_id', 'seq'])
        .execute();

      await db.schema
        .createTable('sync_matches')
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('media_id', 'text', (c) => c.notNull())
        .addColumn('other_case_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sync_matches_pk', ['case_id', 'other_case_id', 'media_id', 'kind'])
        .execute();

      // Existing team cases become `cases` entities with one put each, in creation order.
      const cases = await sql<{ id: string; name: string; updated_at: string }>`
        select id, name, updated_at from cases where deleted_at is null order by created_at, id
      `.execute(db);
      const at = new Date().toISOString();
      let seq = 0;
      for (const c of cases.rows) {
        seq++;
        const data = JSON.stringify({ id: c.id, name: c.name, updatedAt: c.updated_at });
        const versions = JSON.stringify({ id: 1, name: 1, updatedAt: 1 });
        await sql`insert into sync_entities (case_id, entity, id, data, field_versions, deleted, seq, series_id, updated_at)
                  values (${c.id}, 'cases', ${c.id}, ${data}, ${versions}, 0, ${seq}, null, ${at})`.execute(
          db,
        );
        await sql`insert into sync_changes (seq, case_id, kind, entity, entity_id, data, field_versions, at)
                  values (${seq}, ${c.id}, 'put', 'cases', ${c.id}, ${data}, ${versions}, ${at})`.execute(db);
      }
      await sql`insert into sync_counter (id, v) values (1, ${seq})`.execute(db);
      await sql`insert into server_meta (key, value) values ('sync_min_cursor', '0')`.execute(db);
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of [
        'sync_matches',
        'sync_changes',
        'sync_entities',
        'sync_mutations',
        'sync_clients',
        'sync_counter',
      ])
        await db.schema.dropTable(table).execute();
      await sql`delete from server_meta where key = 'sync_min_cursor'`.execute(db);
    },
  };
}
