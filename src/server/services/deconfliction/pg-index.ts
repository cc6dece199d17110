import { sql, type Kysely } from 'kysely';

import { SYNCED_RECORDS } from '../../../contract/records/synced-records';
import { parsePdqHex } from '../../../domain/hashing/pdq-hex';
import { probeMasks, SLICE_COUNT, sliceRadius } from '../../../domain/index/slices';
import { EXACT_SIGNAL_TYPES } from '../../../domain/signals/signals';
import { PDQ_SLICE_COLUMNS, PG_INDEX_FILLED_KEY } from '../../db/migrations/0006-scale-out';
import type { DatabaseSchema } from '../../db/schema';
import { upToDate } from '../../repositories/sync-entities.repository';
import {
  indexedMediaOf,
  LOOKUP_BOUNDS,
  PDQ_MATCH_RADIUS,
  PDQ_MIN_QUALITY,
  type IndexedMedia,
  type IndexHit,
  type MatchKind,
} from './deconfliction-index';
import type { MatchIndex } from './match-index';

type ExactKind = 'md5' | 'sha1' | 'sha256';
const EXACT_KINDS = EXACT_SIGNAL_TYPES as readonly ExactKind[];

/** A PDQ as PostgreSQL's bit(256) text: 256 characters 0/1, hex order (slice s = bits 16s..16s+15). */
export function pdqBits(hex: string): string {
  let bits = '';
  for (const c of hex) bits += Number.parseInt(c, 16).toString(2).padStart(4, '0');
  return bits;
}

/** The 16-bit slice keys of a PDQ (as slices.ts cuts them: slice s is hex characters 4s..4s+3). */
export function pdqSlices(hex: string): number[] {
  return Array.from({ length: SLICE_COUNT }, (_, s) => Number.parseInt(hex.slice(4 * s, 4 * s + 4), 16));
}

/** The indexed PDQ of a media record (none when absent, malformed or of too low a quality). */
function indexedPdq(media: IndexedMedia): string | null {
  const hex = media.pdq ? parsePdqHex(media.pdq) : null;
  return hex && (media.pdqQuality ?? 100) >= PDQ_MIN_QUALITY ? hex : null;
}

const exact = (value: string | undefined) => value?.toLowerCase() || null;

/**
 * The deconfliction index in PostgreSQL (WAYMARK_DECONFLICTION_INDEX=postgres): nothing of it lives in
 * the API process, so its memory does not grow with the number of hashes.
 *
 * Multi-index hashing in SQL (src/domain/index/slices.ts): each distinct PDQ is one row of dcf_pdq with
 * its 16 slices of 16 bits in B-tree-indexed columns. A match within radius d differs in at most
 * floor(d / 16) bits in some slice (pigeonhole), so the candidates are the values whose slice s equals
 * one of the query's slice-s keys within that many bits (17 keys per slice at d = 31), found by 16
 * index scans OR-ed together; the exact distance is then `bit_count(pdq # query)`. Exact hashes are
 * B-tree lookups on dcf_media. Bounds as the in-memory index: at most `pdqCandidatesPerQuery` distinct
 * values examined per query and `maxMatches` media reported.
 *
 * Invariants: dcf_media rows carry the seq of the state they reflect (an older write never replaces or
 * removes a newer one); dcf_pdq only grows (a value whose last holder went stays: it matches no media,
 * and removing it could race with another holder arriving).
 */
export class PgMatchIndex implements MatchIndex {
  readonly kind = 'postgres' as const;

  /** Shared by every process and written before the cursor moves: never behind it. */
  get followedUpTo(): number {
    return Number.MAX_SAFE_INTEGER;
  }

  set followedUpTo(_seq: number) {}

  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /**
   * Fills the tables from sync_entities the first time (or after the in-memory index ran, which did
   * not keep them current). Runs before the consumer follows the log from its cursor, so every media
   * written meanwhile is followed afterwards.
   */
  async prepare(): Promise<number> {
    const flag = await sql<{
      value: string;
    }>`select value from server_meta where key = ${PG_INDEX_FILLED_KEY}`.execute(this.db);
    if (flag.rows[0]?.value !== '') return this.size();
    const version = SYNCED_RECORDS.media.version;
    await this.db.transaction().execute(async (trx) => {
      await sql`truncate dcf_media, dcf_pdq`.execute(trx);
      // The current version's data is read in SQL (fast: 1M media in about a minute); older versions
      // go through their record migrations below.
      await sql`
        insert into dcf_media (case_id, media_id, series_id, seq, md5, sha1, sha256, pdq)
        select case_id, id, coalesce(d->>'seriesId', ''), seq,
               nullif(lower(d->>'md5'), ''), nullif(lower(d->>'sha1'), ''), nullif(lower(d->>'sha256'), ''),
               case when d->>'pdq' ~ '^[0-9a-fA-F]{64}$'
                     and (json_typeof(d->'pdqQuality') is distinct from 'number'
                          or (d->>'pdqQuality')::numeric >= ${PDQ_MIN_QUALITY})
                    then ('x' || lower(d->>'pdq'))::bit(256) end
        from (select case_id, id, seq, data::json as d from sync_entities
              where entity = 'media' and deleted = 0 and data_version = ${version}) e
      `.execute(trx);
      const older = await sql<{
        case_id: string;
        id: string;
        seq: number;
        data: string;
        data_version: number;
      }>`
        select case_id, id, seq, data, data_version from sync_entities
        where entity = 'media' and deleted = 0 and data_version <> ${version}
      `.execute(trx);
      const into = new PgMatchIndex(trx);
      for (const row of older.rows) {
        const data = upToDate('media', JSON.parse(row.data) as Record<string, unknown>, row.data_version);
        await into.upsert(indexedMediaOf(row.case_id, row.id, data), Number(row.seq));
      }
      const slices = PDQ_SLICE_COLUMNS.map(
        (s, i) => sql`substring(pdq from ${i * 16 + 1} for 16)::bit(16)::int as ${sql.ref(s)}`,
      );
      await sql`
        insert into dcf_pdq (pdq, ${sql.join(PDQ_SLICE_COLUMNS.map((s) => sql.ref(s)))})
        select pdq, ${sql.join(slices)} from (select distinct pdq from dcf_media where pdq is not null) v
        on conflict do nothing
      `.execute(trx);
      const counter = await sql<{ v: string | number }>`select v from sync_counter where id = 1`.execute(trx);
      await sql`update server_meta set value = ${String(counter.rows[0]?.v ?? 0)} where key = ${PG_INDEX_FILLED_KEY}`.execute(
        trx,
      );
    });
    return this.size();
  }

  async upsert(media: IndexedMedia, seq: number): Promise<void> {
    const pdq = indexedPdq(media);
    const bits = pdq ? pdqBits(pdq) : null;
    if (pdq && bits) {
      const slices = pdqSlices(pdq);
      await sql`
        insert into dcf_pdq (pdq, ${sql.join(PDQ_SLICE_COLUMNS.map((s) => sql.ref(s)))})
        values (${bits}::bit(256), ${sql.join(slices)})
        on conflict do nothing
      `.execute(this.db);
    }
    // Hashes never change; a newer write can only move the media to another series.
    await sql`
      insert into dcf_media (case_id, media_id, series_id, seq, md5, sha1, sha256, pdq)
      values (${media.caseId}, ${media.mediaId}, ${media.seriesId}, ${seq},
              ${exact(media.md5)}, ${exact(media.sha1)}, ${exact(media.sha256)}, ${bits}::bit(256))
      on conflict (case_id, media_id) do update set series_id = excluded.series_id, seq = excluded.seq
      where dcf_media.seq <= excluded.seq
    `.execute(this.db);
  }

  async remove(caseId: string, mediaId: string, seq: number): Promise<void> {
    await sql`delete from dcf_media where case_id = ${caseId} and media_id = ${mediaId} and seq <= ${seq}`.execute(
      this.db,
    );
  }

  async has(caseId: string, mediaId: string): Promise<boolean> {
    const found =
      await sql`select 1 from dcf_media where case_id = ${caseId} and media_id = ${mediaId}`.execute(this.db);
    return found.rows.length > 0;
  }

  async size(): Promise<number> {
    const row = await sql<{ n: string | number }>`select count(*) as n from dcf_media`.execute(this.db);
    return Number(row.rows[0]?.n ?? 0);
  }

  async lookup(media: IndexedMedia): Promise<{ hits: IndexHit[]; complete: boolean }> {
    const found = new Map<
      string,
      { caseId: string; mediaId: string; seriesId: string; kinds: Set<MatchKind> }
    >();
    let complete = true;
    /** Adds what a query returned; false once the bound on reported media is reached. */
    const take = (
      kind: MatchKind,
      rows: readonly { case_id: string; media_id: string; series_id: string }[],
    ) => {
      for (const r of rows) {
        const key = `${r.case_id}\u0000${r.media_id}`;
        const known = found.get(key);
        if (known) known.kinds.add(kind);
        else if (found.size >= LOOKUP_BOUNDS.maxMatches) return false;
        else
          found.set(key, {
            caseId: r.case_id,
            mediaId: r.media_id,
            seriesId: r.series_id,
            kinds: new Set([kind]),
          });
      }
      return true;
    };
    for (const kind of EXACT_KINDS) {
      const value = exact(media[kind]);
      if (!value) continue;
      const rows = await sql<{ case_id: string; media_id: string; series_id: string }>`
        select case_id, media_id, series_id from dcf_media
        where ${sql.ref(kind)} = ${value} and case_id <> ${media.caseId}
        limit ${LOOKUP_BOUNDS.maxMatches + 1}
      `.execute(this.db);
      if (!take(kind, rows.rows) || rows.rows.length > LOOKUP_BOUNDS.maxMatches) complete = false;
    }
    if ((media.pdqQuality ?? 100) >= PDQ_MIN_QUALITY) {
      const queries = media.pdqDihedral?.length ? media.pdqDihedral : media.pdq ? [media.pdq] : [];
      const near = new Set<string>();
      for (const raw of queries.slice(0, 8)) {
        const hex = parsePdqHex(raw);
        if (!hex) continue;
        const answer = await this.nearValues(hex);
        if (!answer.complete) complete = false;
        for (const v of answer.values) near.add(v);
      }
      if (near.size > 0) {
        const rows = await sql<{ case_id: string; media_id: string; series_id: string }>`
          select case_id, media_id, series_id from dcf_media
          where pdq = any(${[...near]}::bit(256)[]) and case_id <> ${media.caseId}
          limit ${LOOKUP_BOUNDS.maxMatches + 1}
        `.execute(this.db);
        if (!take('pdq', rows.rows) || rows.rows.length > LOOKUP_BOUNDS.maxMatches) complete = false;
      }
    }
    const hits = [...found.values()].map((h) => ({ ...h, kinds: h.kinds }));
    return { hits, complete };
  }

  /** Distinct stored PDQ values within the radius of `hex` (bits), examining at most the bound. */
  private async nearValues(hex: string): Promise<{ values: string[]; complete: boolean }> {
    const masks = probeMasks(sliceRadius(PDQ_MATCH_RADIUS));
    const keys = pdqSlices(hex);
    const probes = PDQ_SLICE_COLUMNS.map(
      (s, i) => sql`${sql.ref(s)} = any(${Array.from(masks, (m) => keys[i]! ^ m)}::int[])`,
    );
    const limit = LOOKUP_BOUNDS.pdqCandidatesPerQuery;
    const rows = await sql<{ pdq: string | null; n: number | null }>`
      with c as (select pdq from dcf_pdq where ${sql.join(probes, sql` or `)} limit ${limit})
      select null::text as pdq, count(*)::int as n from c
      union all
      select pdq::text, null from c where bit_count(pdq # ${pdqBits(hex)}::bit(256)) <= ${PDQ_MATCH_RADIUS}
    `.execute(this.db);
    const values: string[] = [];
    let examined = 0;
    for (const r of rows.rows) {
      if (r.pdq === null) examined = Number(r.n);
      else values.push(r.pdq);
    }
    return { values, complete: examined < limit };
  }
}
