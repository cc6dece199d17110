// Both deconfliction indexes (in memory, and in PostgreSQL: multi-index hashing in SQL) give the
// linear oracle's answers: the same matching media of other cases, with the same kinds, for random
// stores (colliding exact hashes, PDQs around the radius, low quality, removals, series moves) and
// random queries through 8 dihedral hashes.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hammingDistanceHex } from '../../../domain/hashing/hamming';
import { LinearHashIndex } from '../../../domain/index/linear-index';
import { SYNCED_RECORDS } from '../../../contract/records/synced-records';
import { syncedMedia, syncedVideoFrames } from '../../../contract/records/testing/synced-fixtures';
import { PG_INDEX_FILLED_KEY } from '../../db/migrations/0006-scale-out';
import { createUnitOfWork } from '../../repositories/unit-of-work';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { PDQ_MATCH_RADIUS, PDQ_MIN_QUALITY, type IndexedMedia } from './deconfliction-index';
import type { MatchIndex, MatchIndexKind } from './match-index';
import { matchIndexFor } from './match-index-for';
import { copyBucketReader, rowBucketReader } from './pg-bucket-reads';
import { PgMatchIndex } from './pg-index';

const BASES = [
  'a3f0c1d2e4b5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f',
  '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'ffffffff00000000ffffffff00000000ffffffff00000000ffffffff00000000',
];

/** A PDQ `flips` bits away from a base (bit positions from the seed: some runs straddle the radius). */
function near(base: number, flips: number, seed: number): string {
  const bytes = Buffer.from(BASES[base]!, 'hex');
  const used = new Set<number>();
  let x = seed + 1;
  while (used.size < flips) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    used.add(x % 256);
  }
  for (const bit of used) bytes[bit >> 3]! ^= 1 << (bit & 7);
  return bytes.toString('hex');
}

const pdqArb = fc
  .record({ base: fc.nat(2), flips: fc.oneof(fc.nat(40), fc.integer({ min: 28, max: 34 })), seed: fc.nat() })
  .map(({ base, flips, seed }) => near(base, flips, seed));
const hexOf = (n: number, length: number) => n.toString(16).padStart(length, '0');

const mediaArb = (id: string) =>
  fc.record({
    caseId: fc.constantFrom('c0', 'c1', 'c2'),
    mediaId: fc.constant(id),
    seriesId: fc.constantFrom('', 's1', 's2'),
    md5: fc.option(
      fc.nat(4).map((n) => hexOf(n, 32)),
      { nil: undefined },
    ),
    sha1: fc.option(
      fc.nat(4).map((n) => hexOf(n, 40)),
      { nil: undefined },
    ),
    sha256: fc.option(
      fc.nat(8).map((n) => hexOf(n, 64)),
      { nil: undefined },
    ),
    pdq: fc.option(pdqArb, { nil: undefined }),
    pdqQuality: fc.constantFrom(100, 80, PDQ_MIN_QUALITY, 30),
    pdqDihedral: fc.array(pdqArb, { minLength: 0, maxLength: 7 }),
  });

/** The oracle: every stored media of another case compared one by one (PDQ through LinearHashIndex). */
function oracle(stored: ReadonlyMap<string, IndexedMedia>, query: IndexedMedia): string[] {
  const linear = new LinearHashIndex<string>();
  for (const [key, m] of stored)
    if (m.pdq && (m.pdqQuality ?? 100) >= PDQ_MIN_QUALITY) linear.add(key, m.pdq);
  const pdqHits = new Set<string>();
  if ((query.pdqQuality ?? 100) >= PDQ_MIN_QUALITY) {
    const queries = query.pdqDihedral?.length ? query.pdqDihedral : query.pdq ? [query.pdq] : [];
    for (const q of queries.slice(0, 8))
      for (const match of linear.queryWithinRadius(q, PDQ_MATCH_RADIUS)) pdqHits.add(match.id);
  }
  const out: string[] = [];
  for (const [key, m] of stored) {
    if (m.caseId === query.caseId) continue;
    const kinds: string[] = [];
    for (const k of ['md5', 'sha1', 'sha256'] as const) if (m[k] && m[k] === query[k]) kinds.push(k);
    if (pdqHits.has(key)) kinds.push('pdq');
    if (kinds.length > 0) out.push(`${m.caseId}/${m.mediaId}/${m.seriesId}: ${kinds.sort().join(',')}`);
  }
  return out.sort();
}

const answerOf = async (index: MatchIndex, query: IndexedMedia) => {
  const { hits, complete } = await index.lookup(query);
  expect(complete).toBe(true);
  return hits.map((h) => `${h.caseId}/${h.mediaId}/${h.seriesId}: ${[...h.kinds].sort().join(',')}`).sort();
};

const VARIANTS: readonly (readonly ['sqlite' | 'postgres', MatchIndexKind])[] = [
  ['sqlite', 'memory'],
  ['postgres', 'postgres'],
];

describe.each(VARIANTS)('the %s deployment’s %s index', (kind, indexKind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await testDb.dispose();
  });

  it('answers as the linear oracle', async () => {
    const scenario = fc.record({
      stored: fc
        .array(fc.nat(10_000), { minLength: 1, maxLength: 30 })
        .chain((ids) => fc.tuple(...[...new Set(ids)].map((n) => mediaArb(`m${n}`)))),
      removed: fc.array(fc.nat(29), { maxLength: 5 }),
      moved: fc.array(fc.record({ at: fc.nat(29), to: fc.constantFrom('s1', 's3') }), { maxLength: 5 }),
      queries: fc.array(mediaArb('query'), { minLength: 1, maxLength: 5 }),
    });
    // Not vacuous: across the runs, PDQ and exact matches were both found.
    const seen = { pdq: 0, exact: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, async ({ stored, removed, moved, queries }) => {
        if (kind === 'postgres')
          await sql`truncate dcf_media, dcf_pdq_values, dcf_pdq_buckets, dcf_frames restart identity`.execute(
            testDb.database.db,
          );
        const index = matchIndexFor(indexKind, testDb.database, createUnitOfWork(testDb.database));
        const model = new Map<string, IndexedMedia>();
        let seq = 1;
        for (const m of stored) {
          const media = { ...m, pdqDihedral: m.pdq ? [m.pdq, ...m.pdqDihedral] : m.pdqDihedral };
          await index.upsert(media, seq++);
          model.set(`${m.caseId}/${m.mediaId}`, media);
        }
        // A stale write (an older seq) changes nothing; a newer one moves the media.
        for (const { at, to } of moved) {
          const m = stored[at];
          if (!m) continue;
          const key = `${m.caseId}/${m.mediaId}`;
          await index.upsert({ ...model.get(key)!, seriesId: 'stale' }, 0);
          await index.upsert({ ...model.get(key)!, seriesId: to }, seq++);
          model.set(key, { ...model.get(key)!, seriesId: to });
        }
        for (const at of removed) {
          const m = stored[at];
          if (!m) continue;
          await index.remove(m.caseId, m.mediaId, seq++);
          model.delete(`${m.caseId}/${m.mediaId}`);
        }
        for (const q of queries) {
          const query = { ...q, pdqDihedral: q.pdq ? [q.pdq, ...q.pdqDihedral] : q.pdqDihedral };
          const expected = oracle(model, query);
          expect(await answerOf(index, query)).toEqual(expected);
          for (const hit of expected) {
            if (hit.includes('pdq')) seen.pdq++;
            if (/md5|sha/.test(hit)) seen.exact++;
          }
        }
        expect(await index.size()).toBe(model.size);
      }),
      { numRuns: kind === 'postgres' ? 60 : 150 },
    );
    expect(seen.pdq).toBeGreaterThan(0);
    expect(seen.exact).toBeGreaterThan(0);
  }, 300_000);

  it('finds a PDQ exactly at the radius and not one bit beyond', async () => {
    if (kind === 'postgres')
      await sql`truncate dcf_media, dcf_pdq_values, dcf_pdq_buckets, dcf_frames restart identity`.execute(
        testDb.database.db,
      );
    const index = matchIndexFor(indexKind, testDb.database, createUnitOfWork(testDb.database));
    const at = near(0, PDQ_MATCH_RADIUS, 7);
    const beyond = near(0, PDQ_MATCH_RADIUS + 1, 7);
    expect(hammingDistanceHex(at, BASES[0]!)).toBe(PDQ_MATCH_RADIUS);
    await index.upsert({ caseId: 'a', mediaId: 'at', seriesId: '', pdq: at, pdqQuality: 100 }, 1);
    await index.upsert({ caseId: 'a', mediaId: 'beyond', seriesId: '', pdq: beyond, pdqQuality: 100 }, 2);
    const hits = await index.lookup({
      caseId: 'b',
      mediaId: 'q',
      seriesId: '',
      pdq: BASES[0],
      pdqQuality: 100,
    });
    expect(hits.hits.map((h) => h.mediaId)).toEqual(['at']);
  });
});

/** A frame part: frames of some quality (some below the floor) of a media that may not be stored. */
const partArb = fc.record({
  caseId: fc.constantFrom('c0', 'c1', 'c2'),
  media: fc.nat(12),
  frames: fc.array(fc.record({ pdq: pdqArb, quality: fc.constantFrom(100, 60, PDQ_MIN_QUALITY, 49, 10) }), {
    minLength: 1,
    maxLength: 4,
  }),
});

/**
 * The oracle with frames, pair by pair: a stored media matches by 'pdq' when an image hash of the query
 * is within the radius of its own PDQ, and by 'vpdq' when any pair involving a frame (a query frame, or
 * one of its stored frames of quality >= the floor) is.
 */
function oracleWithFrames(
  stored: ReadonlyMap<string, IndexedMedia>,
  frames: ReadonlyMap<string, readonly string[]>,
  query: IndexedMedia,
): string[] {
  const near = (a: string, b: string) => hammingDistanceHex(a, b) <= PDQ_MATCH_RADIUS;
  const images =
    (query.pdqQuality ?? 100) >= PDQ_MIN_QUALITY
      ? (query.pdqDihedral?.length ? query.pdqDihedral : query.pdq ? [query.pdq] : []).slice(0, 8)
      : [];
  const asked = [...images, ...(query.frames ?? [])];
  const out: string[] = [];
  for (const [key, m] of stored) {
    if (m.caseId === query.caseId) continue;
    const own = m.pdq && (m.pdqQuality ?? 100) >= PDQ_MIN_QUALITY ? m.pdq : undefined;
    const held = frames.get(key) ?? [];
    const kinds: string[] = [];
    for (const k of ['md5', 'sha1', 'sha256'] as const) if (m[k] && m[k] === query[k]) kinds.push(k);
    if (own && images.some((q) => near(q, own))) kinds.push('pdq');
    if (
      (own && (query.frames ?? []).some((q) => near(q, own))) ||
      held.some((f) => asked.some((q) => near(q, f)))
    )
      kinds.push('vpdq');
    if (kinds.length > 0) out.push(`${m.caseId}/${m.mediaId}/${m.seriesId}: ${kinds.sort().join(',')}`);
  }
  return out.sort();
}

describe.each(VARIANTS)('the %s deployment’s %s index with video frames', (kind, indexKind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await testDb.dispose();
  });

  it('answers as the oracle with frames', async () => {
    const scenario = fc.record({
      stored: fc
        .uniqueArray(fc.nat(12), { minLength: 1, maxLength: 10 })
        .chain((ids) => fc.tuple(...ids.map((n) => mediaArb(`m${n}`)))),
      parts: fc.array(partArb, { maxLength: 8 }),
      removedParts: fc.array(fc.nat(7), { maxLength: 3 }),
      queries: fc.array(fc.record({ media: mediaArb('query'), frames: fc.array(pdqArb, { maxLength: 3 }) }), {
        minLength: 1,
        maxLength: 4,
      }),
    });
    const seen = { pdq: 0, vpdq: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, async ({ stored, parts, removedParts, queries }) => {
        if (kind === 'postgres')
          await sql`truncate dcf_media, dcf_pdq_values, dcf_pdq_buckets, dcf_frames restart identity`.execute(
            testDb.database.db,
          );
        const index = matchIndexFor(indexKind, testDb.database, createUnitOfWork(testDb.database));
        const model = new Map<string, IndexedMedia>();
        let seq = 1;
        for (const m of stored) {
          const media = { ...m, pdqDihedral: m.pdq ? [m.pdq, ...m.pdqDihedral] : m.pdqDihedral };
          await index.upsert(media, seq++);
          model.set(`${m.caseId}/${m.mediaId}`, media);
        }
        const partsModel = new Map<string, { key: string; pdqs: string[] }>();
        for (const [i, p] of parts.entries()) {
          const pdqs = [...new Set(p.frames.filter((f) => f.quality >= PDQ_MIN_QUALITY).map((f) => f.pdq))];
          const partId = `m${p.media}.${i}`;
          await index.upsertFrames({ caseId: p.caseId, partId, mediaId: `m${p.media}`, pdqs }, seq++);
          partsModel.set(`${p.caseId}/${partId}`, { key: `${p.caseId}/m${p.media}`, pdqs });
        }
        for (const at of removedParts) {
          const p = parts[at];
          if (!p) continue;
          await index.removeFrames(p.caseId, `m${p.media}.${at}`, seq++);
          partsModel.delete(`${p.caseId}/m${p.media}.${at}`);
        }
        const frames = new Map<string, string[]>();
        for (const { key, pdqs } of partsModel.values())
          frames.set(key, [...(frames.get(key) ?? []), ...pdqs]);
        for (const m of model.values()) {
          const own = frames.get(`${m.caseId}/${m.mediaId}`) ?? [];
          expect((await index.framesOf(m.caseId, m.mediaId)).sort()).toEqual([...new Set(own)].sort());
        }
        for (const q of queries) {
          const query = {
            ...q.media,
            pdqDihedral: q.media.pdq ? [q.media.pdq, ...q.media.pdqDihedral] : q.media.pdqDihedral,
            frames: q.frames,
          };
          const expected = oracleWithFrames(model, frames, query);
          expect(await answerOf(index, query)).toEqual(expected);
          for (const hit of expected) {
            if (hit.includes('pdq,') || hit.endsWith('pdq')) seen.pdq++;
            if (hit.includes('vpdq')) seen.vpdq++;
          }
        }
      }),
      { numRuns: kind === 'postgres' ? 40 : 120 },
    );
    expect(seen.vpdq).toBeGreaterThan(0);
  }, 300_000);
});

describe('the PostgreSQL index filled in bulk from stored media', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await testDb.dispose();
  });

  it('answers as the linear oracle, and as the same media added one by one', async () => {
    // Stored media as a server holds them (sync_entities), around the three bases; the index is then
    // built by prepare() (bulk: SQL fill, posting lists per slice, indexes rebuilt), not by upserts.
    const stored = fc.sample(mediaArb('x'), { numRuns: 60, seed: 16 }).map((m, i) => ({
      ...m,
      mediaId: `m${i}`,
      pdqDihedral: m.pdq ? [m.pdq, ...m.pdqDihedral] : m.pdqDihedral,
    }));
    const db = testDb.database.db;
    let seq = 0;
    for (const m of stored) {
      const data = {
        ...syncedMedia(m.caseId, m.mediaId),
        seriesId: m.seriesId,
        md5: m.md5 ?? '',
        sha1: m.sha1,
        sha256: m.sha256,
        pdq: m.pdq,
        pdqQuality: m.pdqQuality,
        pdqDihedral: m.pdqDihedral,
      };
      await db
        .insertInto('sync_entities')
        .values({
          case_id: m.caseId,
          entity: 'media',
          id: m.mediaId,
          data: JSON.stringify(data),
          field_versions: '{}',
          deleted: 0,
          seq: ++seq,
          series_id: m.seriesId,
          updated_at: '2026-01-01T00:00:00.000Z',
          data_version: SYNCED_RECORDS.media.version,
        })
        .execute();
    }
    // A video's frame part (videoFrames): one frame above the quality floor, one below it.
    const video = stored.find((m) => m.caseId === 'c1')!;
    const frame = near(2, 5, 99);
    const dark = near(1, 5, 98);
    await db
      .insertInto('sync_entities')
      .values({
        case_id: video.caseId,
        entity: 'videoFrames',
        id: `${video.mediaId}.0`,
        data: JSON.stringify(
          syncedVideoFrames(video.caseId, video.mediaId, 0, {
            frames: [
              { frame: 0, quality: 90, pdq: frame, timestamp: 0 },
              { frame: 25, quality: PDQ_MIN_QUALITY - 1, pdq: dark, timestamp: 1 },
            ],
          }),
        ),
        field_versions: '{}',
        deleted: 0,
        seq: ++seq,
        series_id: null,
        updated_at: '2026-01-01T00:00:00.000Z',
        data_version: SYNCED_RECORDS.videoFrames.version,
      })
      .execute();
    await sql`update sync_counter set v = ${seq} where id = 1`.execute(db);
    await sql`update server_meta set value = '' where key = ${PG_INDEX_FILLED_KEY}`.execute(db);
    const bulk = new PgMatchIndex(db, copyBucketReader(testDb.database.copyRows!));
    expect(await bulk.prepare()).toBe(stored.length);
    // The fill writes the buckets in key order (the heap's order is the keys').
    const layout = await sql<{ sk: number }>`select sk from dcf_pdq_buckets order by ctid`.execute(db);
    const keysInHeap = layout.rows.map((r) => r.sk);
    expect(keysInHeap.length).toBeGreaterThan(100);
    expect(keysInHeap).toEqual([...keysInHeap].sort((x, y) => x - y));
    const model = new Map(stored.map((m) => [`${m.caseId}/${m.mediaId}`, m as IndexedMedia]));
    const videoFrames = new Map([[`${video.caseId}/${video.mediaId}`, [frame]]]);
    const queries = fc.sample(mediaArb('query'), { numRuns: 40, seed: 17 });
    let pdqHits = 0;
    for (const q of queries) {
      const query = { ...q, pdqDihedral: q.pdq ? [q.pdq, ...q.pdqDihedral] : q.pdqDihedral };
      const expected = oracleWithFrames(model, videoFrames, query);
      pdqHits += expected.filter((h) => h.includes('pdq')).length;
      expect(await answerOf(bulk, query)).toEqual(expected);
    }
    expect(pdqHits).toBeGreaterThan(0);
    expect(await bulk.framesOf(video.caseId, video.mediaId)).toEqual([frame]);
    const byFrame = await bulk.lookup({ caseId: 'c0', mediaId: 'q', seriesId: '', frames: [near(2, 3, 97)] });
    expect(byFrame.hits.find((h) => h.mediaId === video.mediaId)?.kinds).toEqual(new Set(['vpdq']));
    const byDark = await bulk.lookup({ caseId: 'c0', mediaId: 'q', seriesId: '', frames: [dark] });
    expect(byDark.hits.some((h) => h.mediaId === video.mediaId && h.kinds.has('vpdq'))).toBe(false);
    // Adding one more media afterwards (upsert) finds it among the bulk-built entries.
    const extra = { ...stored.find((m) => m.pdq)!, caseId: 'c9', mediaId: 'late' };
    await bulk.upsert(extra, seq + 1);
    const again = await bulk.lookup({
      ...extra,
      caseId: 'c8',
      mediaId: 'q',
      md5: undefined,
      sha1: undefined,
      sha256: undefined,
    });
    expect(again.hits.map((h) => h.mediaId)).toContain('late');
    // The COPY reader (binary) reads the very buckets the row reader (hex text) does, byte for byte,
    // keys that hold nothing included.
    const keys = await sql<{ sk: number }>`select sk from dcf_pdq_buckets order by sk`.execute(db);
    const asked = [...keys.rows.map((r) => r.sk).filter((_, i) => i % 7 === 0), 1_048_575, 0];
    const bySk = (buckets: { sk: number; entries: Uint8Array }[]) =>
      new Map(buckets.map((b) => [b.sk, Buffer.from(b.entries).toString('hex')]));
    const copied = bySk(await copyBucketReader(testDb.database.copyRows!)(asked));
    expect(copied.size).toBeGreaterThan(10);
    expect(copied).toEqual(bySk(await rowBucketReader(db)(asked)));
    expect(await copyBucketReader(testDb.database.copyRows!)([])).toEqual([]);

    // A connection cut by the server in the middle of a COPY (a restart, an administrator): that read
    // fails with the database's reason and its connection leaves the pool; the lookups after it find
    // the same media again.
    const probe = {
      ...extra,
      caseId: 'c8',
      mediaId: 'q2',
      md5: undefined,
      sha1: undefined,
      sha256: undefined,
    };
    const before = await answerOf(bulk, probe);
    expect(before.some((h) => h.startsWith('c9/late/'))).toBe(true);
    const slow = testDb.database.copyRows!('select pg_sleep(30) as s, 1 as n');
    const failed = slow.then(
      () => 'answered',
      (error: unknown) => String(error),
    );
    let pid: number | undefined;
    for (let wait = 0; pid === undefined && wait < 200; wait++) {
      const found = await sql<{ pid: number }>`
        select pid from pg_stat_activity where query like 'copy (select pg_sleep(30)%' and state = 'active'
      `.execute(db);
      pid = found.rows[0]?.pid;
      if (pid === undefined) await new Promise((r) => setTimeout(r, 25));
    }
    expect(pid).toBeDefined();
    await sql`select pg_terminate_backend(${pid!})`.execute(db);
    expect(await failed).toMatch(/terminat/i);
    for (let attempt = 0; attempt < 3; attempt++) expect(await answerOf(bulk, probe)).toEqual(before);
  }, 120_000);
});
