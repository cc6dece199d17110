import { sql, type Kysely, type Migration } from 'kysely';

import type { DatabaseKind } from '../../../contract/health.contract';

/** Key of the deconfliction consumer's cursor in server_meta (the last change seq it has handled). */
export const DECONFLICTION_CURSOR_KEY = 'deconfliction_cursor';
/** Key of the seq up to which the PostgreSQL hash index was filled from sync_entities ('' : never). */
export const PG_INDEX_FILLED_KEY = 'deconfliction_pg_index_filled';

/** The 16 slice columns of dcf_pdq (multi-index hashing: src/domain/index/slices.ts). */
export const PDQ_SLICE_COLUMNS = Array.from({ length: 16 }, (_, i) => `s${i}`);

/**
 * Scale-out (docs/SCALE.md): several server processes on one PostgreSQL database.
 *
 * - Deconfliction becomes a consumer of the change log. A media row of `sync_changes` says whether it
 *   needs a lookup (`look_up`: new, revived or moved to another series) and which series it left
 *   (`left_series_id`), so that replaying a row after a crash decides exactly what the first run did,
 *   whatever the index holds by then. The consumer's cursor lives in server_meta; it starts at the
 *   current counter because everything committed before this migration was looked up after its commit.
 * - On PostgreSQL only, the hash index can live in the database (WAYMARK_DECONFLICTION_INDEX=postgres):
 *   `dcf_media` (one row per live media: where it is and its exact hashes, PDQ as bit(256)) and
 *   `dcf_pdq` (each distinct PDQ once, with its 16 slices of 16 bits in B-tree-indexed columns, so a
 *   lookup probes slice equality and checks the exact distance with bit_count).
 */
export function scaleOut(kind: DatabaseKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('sync_changes').addColumn('look_up', 'integer').execute();
      await db.schema.alterTable('sync_changes').addColumn('left_series_id', 'text').execute();
      const counter = await sql<{ v: number | string }>`select v from sync_counter where id = 1`.execute(db);
      const at = String(Number(counter.rows[0]?.v ?? 0));
      await sql`insert into server_meta (key, value) values (${DECONFLICTION_CURSOR_KEY}, ${at})`.execute(db);
      await sql`insert into server_meta (key, value) values (${PG_INDEX_FILLED_KEY}, '')`.execute(db);
      if (kind !== 'postgres') return;

      await db.schema
        .createTable('dcf_media')
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('media_id', 'text', (c) => c.notNull())
        .addColumn('series_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('md5', 'text')
        .addColumn('sha1', 'text')
        .addColumn('sha256', 'text')
        .addColumn('pdq', sql`bit(256)`)
        .addPrimaryKeyConstraint('dcf_media_pk', ['case_id', 'media_id'])
        .execute();
      for (const column of ['md5', 'sha1', 'sha256', 'pdq'])
        await db.schema.createIndex(`dcf_media_${column}`).on('dcf_media').column(column).execute();

      let table = db.schema.createTable('dcf_pdq').addColumn('pdq', sql`bit(256)`, (c) => c.primaryKey());
      for (const s of PDQ_SLICE_COLUMNS) table = table.addColumn(s, 'integer', (c) => c.notNull());
      await table.execute();
      for (const s of PDQ_SLICE_COLUMNS)
        await db.schema.createIndex(`dcf_pdq_${s}`).on('dcf_pdq').column(s).execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      if (kind === 'postgres') {
        await db.schema.dropTable('dcf_pdq').execute();
        await db.schema.dropTable('dcf_media').execute();
      }
      await sql`delete from server_meta where key in (${DECONFLICTION_CURSOR_KEY}, ${PG_INDEX_FILLED_KEY})`.execute(
        db,
      );
      await db.schema.alterTable('sync_changes').dropColumn('left_series_id').execute();
      await db.schema.alterTable('sync_changes').dropColumn('look_up').execute();
    },
  };
}
