import { sql, type Kysely, type Migration } from 'kysely';

import type { DatabaseKind } from '../../../contract/health.contract';
import { PDQ_SLICE_COLUMNS, PG_INDEX_FILLED_KEY } from './0006-scale-out';

/**
 * The PostgreSQL deconfliction index, second layout (docs/SCALE.md, "The PostgreSQL index"): PostgreSQL
 * only, and only used with WAYMARK_DECONFLICTION_INDEX=postgres.
 *
 * 0006 kept each distinct PDQ in dcf_pdq with 16 B-tree-indexed slice columns and found candidates by
 * 16 index scans. Measured at 1M and 10M hashes, that costs one index tuple (and a visibility check) per
 * value sharing a slice key with the query: about 41,000 per query at 10M, several hundred ms per media
 * record. This layout keeps the same multi-index hashing in posting lists instead:
 *
 * - `dcf_pdq_values`: each distinct PDQ once, numbered (`id`).
 * - `dcf_pdq_buckets`: one row per (slice, 16-bit key), `sk = slice * 65536 + key`, whose `entries` are
 *   6 bytes per value holding that key in that slice: the other 16 bits of the slice's 32-bit word, then
 *   the value's id (big-endian). A lookup reads the 16 x 17 buckets of a query in one index scan, keeps
 *   the entries whose word is within floor(radius / 8) bits (slices.ts), and checks the full distance of
 *   those few values only.
 * - `dcf_frames`: the frame hashes of videos (videoFrames records, quality >= 50), so that a frame of a
 *   video matches an image or a frame of another case (issue 17).
 *
 * The index is refilled from sync_entities on first use (PG_INDEX_FILLED_KEY reset below).
 */
export function pdqBuckets(kind: DatabaseKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (kind !== 'postgres') return;
      await db.schema.dropTable('dcf_pdq').execute();
      await sql`
        create table dcf_pdq_values (
          id integer generated always as identity primary key,
          pdq bit(256) not null
        )
      `.execute(db);
      // A plain unique index (not a constraint): the bulk fill drops and recreates it.
      await sql`create unique index dcf_pdq_values_pdq on dcf_pdq_values (pdq)`.execute(db);
      // Posting lists only grow (values are never removed); stored uncompressed (random bytes).
      await sql`
        create table dcf_pdq_buckets (sk integer primary key, entries bytea not null)
        with (fillfactor = 70)
      `.execute(db);
      await sql`alter table dcf_pdq_buckets alter column entries set storage external`.execute(db);
      await sql`
        create table dcf_frames (
          case_id text not null,
          part_id text not null,
          media_id text not null,
          seq bigint not null,
          pdq bit(256) not null,
          primary key (case_id, part_id, pdq)
        )
      `.execute(db);
      await sql`create index dcf_frames_pdq on dcf_frames (pdq)`.execute(db);
      await sql`create index dcf_frames_media on dcf_frames (case_id, media_id)`.execute(db);
      await sql`update server_meta set value = '' where key = ${PG_INDEX_FILLED_KEY}`.execute(db);
    },

    async down(db: Kysely<unknown>): Promise<void> {
      if (kind !== 'postgres') return;
      await db.schema.dropTable('dcf_frames').execute();
      await db.schema.dropTable('dcf_pdq_buckets').execute();
      await db.schema.dropTable('dcf_pdq_values').execute();
      // 0006's layout, empty: refilled on first use.
      let table = db.schema.createTable('dcf_pdq').addColumn('pdq', sql`bit(256)`, (c) => c.primaryKey());
      for (const s of PDQ_SLICE_COLUMNS) table = table.addColumn(s, 'integer', (c) => c.notNull());
      await table.execute();
      for (const s of PDQ_SLICE_COLUMNS)
        await db.schema.createIndex(`dcf_pdq_${s}`).on('dcf_pdq').column(s).execute();
      await sql`update server_meta set value = '' where key = ${PG_INDEX_FILLED_KEY}`.execute(db);
    },
  };
}
