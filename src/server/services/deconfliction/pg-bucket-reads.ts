import { sql, type Kysely } from 'kysely';

import { int4Of } from '../../db/binary-copy';
import type { CopyRows } from '../../db/database';
import type { DatabaseSchema } from '../../db/schema';

/** A posting list of dcf_pdq_buckets (migration 0011): its key and its packed entries. */
export interface Bucket {
  readonly sk: number;
  readonly entries: Uint8Array;
}

/** Reads the buckets of the given keys (those that exist; in any order). */
export type BucketReader = (keys: readonly number[]) => Promise<Bucket[]>;

/**
 * Through COPY in binary (the server's reader): a lookup reads ~2,200 buckets, 2 MB at 10M hashes.
 * As ordinary rows they came as 4 MB of hex text, turned into strings then Buffers; measured at 10M
 * (docs/SCALE.md), this way the process spends about half the CPU and a quarter of the GC time.
 * COPY takes no parameters, so the keys are written into the statement: integers only, checked here.
 */
export function copyBucketReader(copyRows: CopyRows): BucketReader {
  return async (keys) => {
    if (keys.length === 0) return [];
    for (const k of keys) if (!Number.isSafeInteger(k) || k < 0) throw new Error(`bad bucket key ${k}`);
    const rows = await copyRows(
      `select sk, entries from dcf_pdq_buckets where sk = any('{${keys.join(',')}}'::int[])`,
    );
    return rows.map(([sk, entries]) => ({ sk: int4Of(sk), entries: entries ?? new Uint8Array(0) }));
  };
}

/** As ordinary rows (bytea as hex text): how the lookup read them before, kept for bench:scale. */
export function rowBucketReader(db: Kysely<DatabaseSchema>): BucketReader {
  return async (keys) => {
    if (keys.length === 0) return [];
    const rows = await sql<{ sk: number; entries: Uint8Array }>`
      select sk, entries from dcf_pdq_buckets where sk = any(${[...keys]}::int[])
    `.execute(db);
    return rows.rows.map((r) => ({ sk: Number(r.sk), entries: r.entries }));
  };
}
