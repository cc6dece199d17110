import { sql, type Kysely, type RawBuilder } from 'kysely';

import { SYNCED_RECORDS } from '../../../contract/records/synced-records';
import { parsePdqHex } from '../../../domain/hashing/pdq-hex';
import {
  POPCOUNT16,
  probeMasks,
  SLICE_COUNT,
  SLICE_KEYS,
  sliceRadius,
  wordRadius,
} from '../../../domain/index/slices';
import { EXACT_SIGNAL_TYPES } from '../../../domain/signals/signals';
import { PG_INDEX_FILLED_KEY } from '../../db/migrations/0006-scale-out';
import type { DatabaseSchema } from '../../db/schema';
import { upToDate } from '../../repositories/sync-entities.repository';
import {
  indexedFramesOf,
  indexedMediaOf,
  LOOKUP_BOUNDS,
  PDQ_MATCH_RADIUS,
  PDQ_MIN_QUALITY,
  type IndexedFrames,
  type IndexedMedia,
  type IndexHit,
  type MatchKind,
} from './deconfliction-index';
import type { MatchIndex } from './match-index';
import type { BucketReader } from './pg-bucket-reads';

type ExactKind = 'md5' | 'sha1' | 'sha256';
const EXACT_KINDS = EXACT_SIGNAL_TYPES as readonly ExactKind[];

/** Bytes per posting-list entry: the other 16 bits of the slice's word, then the value's id (int4). */
const ENTRY_BYTES = 6;
/** Queries whose buckets are read in one statement (a video's frames come in many). */
const QUERIES_PER_READ = 64;

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

/** SQL: the bucket rows (sk, entry) of the values in `source` (a relation with id and pdq), slice `s`. */
function bucketRows(s: number, source: RawBuilder<unknown>): RawBuilder<unknown> {
  const at = (slice: number) => sql.lit(slice * 16 + 1);
  return sql`
    select ${sql.lit(s * SLICE_KEYS)} + substring(v.pdq from ${at(s)} for 16)::bit(16)::int as sk,
           substring(int4send(substring(v.pdq from ${at(s ^ 1)} for 16)::bit(16)::int) from 3 for 2)
             || int4send(v.id) as entry
    from ${source} v
  `;
}

/**
 * Live records of `entity` stored at another version than the current one, brought up to date through
 * their record migrations (the bulk fill reads the current version in SQL).
 */
async function olderVersions(db: Kysely<DatabaseSchema>, entity: 'media' | 'videoFrames', version: number) {
  const rows = await sql<{ case_id: string; id: string; seq: number; data: string; data_version: number }>`
    select case_id, id, seq, data, data_version from sync_entities
    where entity = ${entity} and deleted = 0 and data_version <> ${version}
  `.execute(db);
  return rows.rows.map((row) => ({
    case_id: row.case_id,
    id: row.id,
    seq: Number(row.seq),
    data: upToDate(entity, JSON.parse(row.data) as Record<string, unknown>, row.data_version),
  }));
}

/** A media holding a value or an exact hash. */
interface HolderRow {
  case_id: string;
  media_id: string;
  series_id: string;
}

/** A holder of an exact hash, and which kind of hash it shares. */
interface ExactRow extends HolderRow {
  kind: ExactKind;
}

/**
 * The buckets a chunk of query hashes reads: for each query and slice, the keys within
 * sliceRadius bits of its key (deduplicated across the queries: a bucket is read once), each with
 * who reads it: the query's number, the other half of the slice's word, and the bits left for that
 * half once the key's own difference is counted (wordRadius in all).
 */
class BucketProbe {
  private readonly readers = new Map<number, number[]>();

  constructor(queries: readonly string[], from: number, to: number) {
    const masks = probeMasks(sliceRadius(PDQ_MATCH_RADIUS));
    const wordLimit = wordRadius(PDQ_MATCH_RADIUS);
    for (let q = from; q < to; q++) {
      const keys = pdqSlices(queries[q]!);
      for (let s = 0; s < SLICE_COUNT; s++)
        for (const m of masks) {
          const sk = s * SLICE_KEYS + (keys[s]! ^ m);
          const readers = this.readers.get(sk);
          const reader = [q, keys[s ^ 1]!, wordLimit - POPCOUNT16[m]!];
          if (readers) readers.push(...reader);
          else this.readers.set(sk, reader);
        }
    }
  }

  keys(): number[] {
    return [...this.readers.keys()];
  }

  /**
   * Adds to `into` the values of bucket `sk` whose word is within the radius of a reader's: the
   * packed entries are read in place (two bytes of word, four of id), nothing allocated per entry.
   */
  filter(sk: number, entries: Uint8Array, into: CandidateSets): void {
    const readers = this.readers.get(sk) ?? [];
    const end = entries.length - (entries.length % ENTRY_BYTES);
    for (let r = 0; r < readers.length; r += 3) {
      const q = readers[r]!;
      const other = readers[r + 1]!;
      const left = readers[r + 2]!;
      for (let at = 0; at < end; at += ENTRY_BYTES) {
        if (POPCOUNT16[((entries[at]! << 8) | entries[at + 1]!) ^ other]! > left) continue;
        const id =
          ((entries[at + 2]! << 24) |
            (entries[at + 3]! << 16) |
            (entries[at + 4]! << 8) |
            entries[at + 5]!) >>>
          0;
        if (!into.add(q, id)) break;
      }
    }
  }
}

/** The distinct candidate values of each query, at most `pdqCandidatesPerQuery` each. */
class CandidateSets {
  private readonly sets: Set<number>[];
  /** False once a query had more candidates than its bound (matches could be missed). */
  complete = true;
  count = 0;

  constructor(queries: number) {
    this.sets = Array.from({ length: queries }, () => new Set<number>());
  }

  /** False when query `q` is full (and `id` new to it). */
  add(q: number, id: number): boolean {
    const set = this.sets[q]!;
    if (set.has(id)) return true;
    if (set.size >= LOOKUP_BOUNDS.pdqCandidatesPerQuery) {
      this.complete = false;
      return false;
    }
    set.add(id);
    this.count++;
    return true;
  }

  /** (value id, query number from 1) for every candidate. */
  pairs(): [number[], number[]] {
    const ids: number[] = [];
    const ns: number[] = [];
    this.sets.forEach((set, q) => {
      for (const id of set) {
        ids.push(id);
        ns.push(q + 1);
      }
    });
    return [ids, ns];
  }
}

/**
 * The deconfliction index in PostgreSQL (WAYMARK_DECONFLICTION_INDEX=postgres): nothing of it lives in
 * the API process, so its memory does not grow with the number of hashes.
 *
 * Multi-index hashing (src/domain/index/slices.ts) with posting lists in the database (migration
 * 0011): a match within radius d differs in at most floor(d / 16) bits in some 16-bit slice, and the
 * 32-bit word holding that slice in at most floor(d / 8) bits. A lookup reads, in one index scan, the
 * bucket of every slice key within one bit of the query's (16 x 17 rows per query), keeps the entries
 * whose word is within 3 bits (a few per thousand at random), then checks the full distance of those
 * values only. Exact hashes are B-tree lookups on dcf_media. Bounds as the in-memory index: at most
 * `pdqCandidatesPerQuery` values checked per query and `maxMatches` media reported.
 *
 * Invariants: dcf_media rows carry the seq of the state they reflect (an older write never replaces or
 * removes a newer one); values and their bucket entries only grow (a value whose last holder went
 * stays: it matches no media, and removing it could race with another holder arriving); a value's
 * entries are appended in the statement that numbers it, so a value is in all of its 16 buckets or
 * in none.
 */
export class PgMatchIndex implements MatchIndex {
  readonly kind = 'postgres' as const;

  /** Shared by every process and written before the cursor moves: never behind it. */
  get followedUpTo(): number {
    return Number.MAX_SAFE_INTEGER;
  }

  set followedUpTo(_seq: number) {}

  /** `readBuckets`: the server's is copyBucketReader (pg-bucket-reads.ts). */
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly readBuckets: BucketReader,
  ) {}

  /**
   * Fills the tables from sync_entities the first time (or after the in-memory index ran, which did
   * not keep them current). Runs before the consumer follows the log from its cursor, so every media
   * written meanwhile is followed afterwards. A bulk fill: the secondary indexes are dropped first and
   * built again at the end (several times faster than maintaining them row by row).
   */
  async prepare(): Promise<number> {
    const flag = await sql<{
      value: string;
    }>`select value from server_meta where key = ${PG_INDEX_FILLED_KEY}`.execute(this.db);
    if (flag.rows[0]?.value !== '') return this.size();
    const version = SYNCED_RECORDS.media.version;
    await this.db.transaction().execute(async (trx) => {
      await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
      await sql`set local work_mem = '64MB'`.execute(trx);
      await sql`truncate dcf_media, dcf_frames, dcf_pdq_values, dcf_pdq_buckets restart identity`.execute(
        trx,
      );
      // Secondary indexes only (primary keys stay): their definitions are read back, so this follows
      // whatever the migrations made.
      const indexes = await sql<{ name: string; definition: string }>`
        select i.indexname as name, i.indexdef as definition from pg_indexes i
        where i.schemaname = current_schema() and i.tablename in ('dcf_media', 'dcf_frames', 'dcf_pdq_values')
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
      `.execute(trx);
      for (const index of indexes.rows) await sql`drop index ${sql.id(index.name)}`.execute(trx);
      // The current version's data is read in SQL; older versions go through their record migrations.
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
      for (const row of await olderVersions(trx, 'media', version))
        await putMedia(trx, indexedMediaOf(row.case_id, row.id, row.data), row.seq);
      // Video frames (videoFrames records): every distinct frame of quality >= the minimum, per part.
      const framesVersion = SYNCED_RECORDS.videoFrames.version;
      await sql`
        insert into dcf_frames (case_id, part_id, media_id, seq, pdq)
        select distinct e.case_id, e.id, e.d->>'mediaId', e.seq, ('x' || lower(f->>'pdq'))::bit(256)
        from (select case_id, id, seq, data::json as d from sync_entities
              where entity = 'videoFrames' and deleted = 0 and data_version = ${framesVersion}) e
        cross join lateral json_array_elements(e.d->'frames') f
        where f->>'pdq' ~ '^[0-9a-fA-F]{64}$' and json_typeof(f->'quality') = 'number'
          and (f->>'quality')::numeric >= ${PDQ_MIN_QUALITY}
      `.execute(trx);
      for (const row of await olderVersions(trx, 'videoFrames', framesVersion))
        await putFrames(trx, indexedFramesOf(row.case_id, row.id, row.data), row.seq);
      await sql`
        insert into dcf_pdq_values (pdq)
        select pdq from dcf_media where pdq is not null union select pdq from dcf_frames
      `.execute(trx);
      // One slice at a time: 65,536 groups each, aggregated in memory. Written in key order, so keys
      // one bit apart in their low bits share pages: a lookup reads fewer (docs/SCALE.md, CLUSTER).
      for (let s = 0; s < SLICE_COUNT; s++)
        await sql`
          insert into dcf_pdq_buckets (sk, entries)
          select sk, string_agg(entry, ''::bytea) from (${bucketRows(s, sql`dcf_pdq_values`)}) e
          group by sk order by sk
          on conflict (sk) do update set entries = dcf_pdq_buckets.entries || excluded.entries
        `.execute(trx);
      for (const index of indexes.rows) await sql.raw(index.definition).execute(trx);
      const counter = await sql<{ v: string | number }>`select v from sync_counter where id = 1`.execute(trx);
      await sql`update server_meta set value = ${String(counter.rows[0]?.v ?? 0)} where key = ${PG_INDEX_FILLED_KEY}`.execute(
        trx,
      );
    });
    // Fresh statistics for the planner (and the visibility map for the index-only scans).
    await sql`vacuum analyze dcf_media, dcf_frames, dcf_pdq_values, dcf_pdq_buckets`.execute(this.db);
    return this.size();
  }

  async upsert(media: IndexedMedia, seq: number): Promise<void> {
    await upsertMedia(this.db, media, seq);
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

  async seriesOf(caseId: string, mediaId: string): Promise<string | undefined> {
    const found = await sql<{ series_id: string }>`
      select series_id from dcf_media where case_id = ${caseId} and media_id = ${mediaId}
    `.execute(this.db);
    return found.rows[0]?.series_id;
  }

  async upsertFrames(frames: IndexedFrames, seq: number): Promise<void> {
    await addValues(this.db, frames.pdqs);
    await putFrames(this.db, frames, seq);
  }

  async removeFrames(caseId: string, partId: string, seq: number): Promise<void> {
    await sql`delete from dcf_frames where case_id = ${caseId} and part_id = ${partId} and seq <= ${seq}`.execute(
      this.db,
    );
  }

  async framesOf(caseId: string, mediaId: string): Promise<string[]> {
    const rows = await sql<{ hex: string }>`
      select distinct encode(substring(bit_send(pdq) from 5), 'hex') as hex from dcf_frames
      where case_id = ${caseId} and media_id = ${mediaId}
    `.execute(this.db);
    return rows.rows.map((r) => r.hex);
  }

  async size(): Promise<number> {
    const row = await sql<{ n: string | number }>`select count(*) as n from dcf_media`.execute(this.db);
    return Number(row.rows[0]?.n ?? 0);
  }

  /**
   * Three statements per media record: its exact hashes, and at the same time (another connection)
   * the buckets of all its query hashes, through COPY in binary (`readBuckets`); then the surviving
   * candidates' full distance (in SQL, from dcf_pdq_values) together with the holders of the values
   * within the radius (skipped when no bucket entry survives the word filter). Measured
   * (docs/SCALE.md): the lookup's time is the database reading its ~2,200 buckets and the process
   * receiving them; four statements instead of two took as long, but this way no candidate value
   * travels to the process. One row for all the buckets (string_agg) cost the database twice the CPU
   * at 10M; COPY halved the process's CPU and cut its GC pauses.
   */
  async lookup(media: IndexedMedia): Promise<{ hits: IndexHit[]; complete: boolean }> {
    const found = new Map<
      string,
      { caseId: string; mediaId: string; seriesId: string; kinds: Set<MatchKind> }
    >();
    let complete = true;
    /** Adds what a query returned; false once the bound on reported media is reached. */
    const take = (kind: MatchKind, rows: readonly HolderRow[]) => {
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
    /** Adds one bounded answer of a statement; `complete` false when it was cut. */
    const takeAll = (kind: MatchKind, rows: readonly HolderRow[]) => {
      if (!take(kind, rows) || rows.length > LOOKUP_BOUNDS.maxMatches) complete = false;
    };
    const limit = LOOKUP_BOUNDS.maxMatches + 1;
    const exactParts = EXACT_KINDS.flatMap((kind) => {
      const value = exact(media[kind]);
      return value
        ? [
            sql`(select ${kind}::text as kind, case_id, media_id, series_id
                 from dcf_media where ${sql.ref(kind)} = ${value} and case_id <> ${media.caseId} limit ${limit})`,
          ]
        : [];
    });
    // The exact hashes are asked on another connection while the buckets are read.
    const exactAnswer =
      exactParts.length > 0
        ? sql<ExactRow>`${sql.join(exactParts, sql` union all `)}`.execute(this.db)
        : Promise.resolve({ rows: [] as ExactRow[] });
    // Image hashes ask as 'pdq', frame hashes as 'vpdq'; a stored frame answers as 'vpdq' either way.
    const images =
      (media.pdqQuality ?? 100) >= PDQ_MIN_QUALITY
        ? (media.pdqDihedral?.length ? media.pdqDihedral : media.pdq ? [media.pdq] : [])
            .slice(0, 8)
            .flatMap((q) => parsePdqHex(q) ?? [])
        : [];
    const frames = (media.frames ?? []).flatMap((q) => parsePdqHex(q) ?? []);
    const queries = [...images, ...frames];
    const candidates = new CandidateSets(queries.length);
    const readAll = async () => {
      for (let from = 0; from < queries.length; from += QUERIES_PER_READ) {
        const probe = new BucketProbe(queries, from, Math.min(queries.length, from + QUERIES_PER_READ));
        for (const bucket of await this.readBuckets(probe.keys()))
          probe.filter(bucket.sk, bucket.entries, candidates);
      }
    };
    const [, exactRows] = await Promise.all([readAll(), exactAnswer]);
    for (const kind of EXACT_KINDS)
      takeAll(
        kind,
        exactRows.rows.filter((r) => r.kind === kind),
      );
    if (!candidates.complete) complete = false;
    if (candidates.count === 0) return { hits: [...found.values()], complete };
    // The full distance in SQL, each candidate against the query (numbered from 1) that found it.
    const [ids, ns] = candidates.pairs();
    const other = media.caseId;
    const rows = await sql<HolderRow & { answer: number }>`
      with q(pdq, n) as (select * from unnest(${queries.map(pdqBits)}::bit(256)[]) with ordinality),
      near as materialized (
        select distinct v.pdq, q.n <= ${images.length} as image
        from unnest(${ids}::int[], ${ns}::int[]) c(id, n)
        join q on q.n = c.n
        join dcf_pdq_values v on v.id = c.id
        where bit_count(v.pdq # q.pdq) <= ${PDQ_MATCH_RADIUS}
      )
      (select 0 as answer, case_id, media_id, series_id from dcf_media
       where pdq = any(array(select pdq from near where image)) and case_id <> ${other} limit ${limit})
      union all
      (select 1, case_id, media_id, series_id from dcf_media
       where pdq = any(array(select pdq from near where not image)) and case_id <> ${other} limit ${limit})
      union all
      (select distinct 2, m.case_id, m.media_id, m.series_id
       from dcf_frames f join dcf_media m on m.case_id = f.case_id and m.media_id = f.media_id
       where f.pdq = any(array(select pdq from near)) and f.case_id <> ${other} limit ${limit})
    `.execute(this.db);
    // Three answers, each bounded: image to image is 'pdq', anything through a frame 'vpdq'.
    for (const answer of [0, 1, 2])
      takeAll(
        answer === 0 ? 'pdq' : 'vpdq',
        rows.rows.filter((r) => Number(r.answer) === answer),
      );
    return { hits: [...found.values()], complete };
  }
}

/** Numbers the values not stored yet and appends them to their 16 buckets, in one statement. */
async function addValues(db: Kysely<DatabaseSchema>, hexes: readonly string[]): Promise<void> {
  if (hexes.length === 0) return;
  const added = sql`(select id, pdq from added)`;
  // Buckets in sk order in every writer: two writers appending to the same buckets never deadlock.
  const rows = sql.join(
    Array.from({ length: SLICE_COUNT }, (_, s) => bucketRows(s, added)),
    sql` union all `,
  );
  await sql`
    with added as (
      insert into dcf_pdq_values (pdq)
      select distinct unnest(${hexes.map(pdqBits)}::bit(256)[])
      on conflict (pdq) do nothing
      returning id, pdq
    )
    insert into dcf_pdq_buckets (sk, entries)
    select sk, string_agg(entry, ''::bytea) from (${rows}) e group by sk order by sk
    on conflict (sk) do update set entries = dcf_pdq_buckets.entries || excluded.entries
  `.execute(db);
}

/** A frame part's rows (its values are added separately: addValues, or the bulk fill). */
async function putFrames(db: Kysely<DatabaseSchema>, frames: IndexedFrames, seq: number): Promise<void> {
  if (frames.pdqs.length === 0) return;
  await sql`
    insert into dcf_frames (case_id, part_id, media_id, seq, pdq)
    select ${frames.caseId}, ${frames.partId}, ${frames.mediaId}, ${seq}, v
    from unnest(${frames.pdqs.map(pdqBits)}::bit(256)[]) v
    on conflict (case_id, part_id, pdq) do update set seq = greatest(dcf_frames.seq, excluded.seq)
  `.execute(db);
}

async function upsertMedia(db: Kysely<DatabaseSchema>, media: IndexedMedia, seq: number): Promise<void> {
  const pdq = indexedPdq(media);
  if (pdq) await addValues(db, [pdq]);
  await putMedia(db, media, seq);
}

/** The media's row (its PDQ value is added separately: addValues, or the bulk fill). */
async function putMedia(db: Kysely<DatabaseSchema>, media: IndexedMedia, seq: number): Promise<void> {
  const pdq = indexedPdq(media);
  // Hashes never change; a newer write can only move the media to another series.
  await sql`
    insert into dcf_media (case_id, media_id, series_id, seq, md5, sha1, sha256, pdq)
    values (${media.caseId}, ${media.mediaId}, ${media.seriesId}, ${seq},
            ${exact(media.md5)}, ${exact(media.sha1)}, ${exact(media.sha256)}, ${pdq ? pdqBits(pdq) : null}::bit(256))
    on conflict (case_id, media_id) do update set series_id = excluded.series_id, seq = excluded.seq
    where dcf_media.seq <= excluded.seq
  `.execute(db);
}
