// `npm run bench:scale`: several server processes on one PostgreSQL database (docs/SCALE.md). Parts
// (run one with --part X):
//   a  push+pull throughput with 1, 2 and 4 real server processes (`node src/server/main.ts`) on one
//      fresh PostgreSQL database: CLIENTS browsers, each pushing BATCHes of new media (every one looked
//      up by deconfliction) into its own case through the processes in turn and pulling after each
//      push. Reports media per second and the ratio to one process, then checks that nothing was lost
//      or duplicated (every media stored once, one put each in the log, every client saw all of its
//      own). Also the leader failover time: the leader is killed, and the time until another process
//      holds the lock is measured.
//   b  deconfliction with the PostgreSQL index at INDEXED stored hashes: media rows are seeded straight
//      into sync_entities (random MD5/SHA-1/SHA-256/PDQ), the index is built from them (build time), then
//      QUERIES lookups of a media record (8 dihedral PDQ + MD5 + SHA-1, a quarter of them planted near
//      matches): p50/p99; the database size; and the resident memory of a server process leading with
//      that index, against the same process on an empty database. "Before": the same queries through
//      0006's layout (16 B-tree-indexed slice columns, one 16-way OR per dihedral hash), rebuilt in a
//      scratch table from the same values, so both layouts are measured in one run on one machine.
//      Then the lookup reading its buckets as ordinary rows (bytea as hex text, as before issue 16's
//      last change) against the current one (through COPY in binary), on the same new queries,
//      alternating which asks first. Every measure prints the load average, the bench process's GC
//      pauses and, when PostgreSQL runs on this machine, its CPU time per lookup (wall time minus
//      that is waiting: for a core, a page, the other process).
// Settings: BENCH_SCALE_CLIENTS (8), BENCH_SCALE_BATCH (50), BENCH_SCALE_SECONDS (20),
// BENCH_SCALE_INDEXED (1000000), BENCH_SCALE_QUERIES (1000), BENCH_SCALE_BEFORE_QUERIES (200; 0 skips
// the old layout), BENCH_SCALE_KEEP (1: keep part b's database and print its name),
// BENCH_SCALE_REUSE (the name of a database part b kept: its seed and build are skipped, and so is the
// memory measure).
// The PostgreSQL server is WAYMARK_TEST_PG_URL's (default the local test server).
import { readFileSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { loadavg, cpus } from 'node:os';

import { sql, type Kysely } from 'kysely';
import { ulid } from 'ulidx';

import { syncedMedia, fakeDihedral } from '../src/contract/records/testing/synced-fixtures';
import { PushResponse, SYNC_PROTOCOL_VERSION, type PullResponse } from '../src/contract/sync.contract';
import { CaseView } from '../src/contract/cases.contract';
import { SYNCED_RECORDS } from '../src/contract/records/synced-records';
import { createUnitOfWork } from '../src/server/repositories/unit-of-work';
import { UsersService } from '../src/server/services/users.service';
import type { DatabaseSchema } from '../src/server/db/schema';
import { probeMasks } from '../src/domain/index/slices';
import { PgMatchIndex, pdqBits, pdqSlices } from '../src/server/services/deconfliction/pg-index';
import { copyBucketReader, rowBucketReader } from '../src/server/services/deconfliction/pg-bucket-reads';
import { openDatabase } from '../src/server/db/database';
import { openEventStreamAt } from '../src/server/testing/event-stream';
import { createTestDatabase, postgresUrlFor, type TestDatabase } from '../src/server/testing/test-database';
import {
  apiAt,
  leaderPid,
  loginAt,
  startServerProcess,
  type ServerProcess,
} from '../src/server/testing/server-process';

const CLIENTS = Number(process.env.BENCH_SCALE_CLIENTS ?? 8);
const BATCH = Number(process.env.BENCH_SCALE_BATCH ?? 50);
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 20);
const INDEXED = Number(process.env.BENCH_SCALE_INDEXED ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_SCALE_QUERIES ?? 1000);
const BEFORE_QUERIES = Number(process.env.BENCH_SCALE_BEFORE_QUERIES ?? 200);
const KEEP = process.env.BENCH_SCALE_KEEP === '1';
const REUSE = process.env.BENCH_SCALE_REUSE;
const PASSWORD = 'correct horse battery staple';

const part = process.argv.includes('--part') ? process.argv[process.argv.indexOf('--part') + 1] : undefined;

function machine(): string {
  const [one, five] = loadavg();
  return `${cpus().length} cores shared with other work; load average ${one?.toFixed(1)} (1 min), ${five?.toFixed(1)} (5 min)`;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function until<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface BenchClient {
  caseId: string;
  cookies: string[];
  clientId: string;
  seq: number;
  cursor: number;
  pushed: string[];
  seen: Set<string>;
  /** The change seq each pushed media was committed at (from the pulls). */
  seqOf: Map<string, number>;
}

/** A user's event stream on `base`, and how long after `since` its first poke at or past `seq` came. */
async function watchPokes(base: string, cookie: string) {
  const stream = await openEventStreamAt(base, cookie);
  if (stream.status !== 200) throw new Error(`event stream ${stream.status}`);
  return {
    /** ms from `since` to the first poke at or past `seq` (null: none arrived). */
    delay: (seq: number, since: number) => {
      const poke = stream.arrivals.find((a) => a.latestSeq >= seq);
      return poke ? poke.at - since : null;
    },
    close: () => stream.destroy(),
  };
}

async function throughput(
  processCount: number,
): Promise<{ perSecond: number; failoverMs: number | null; pokeMs: number[] }> {
  const testDb = await createTestDatabase('postgres');
  const users = new UsersService(createUnitOfWork(testDb.database));
  const processes: ServerProcess[] = [];
  try {
    for (let i = 0; i < CLIENTS; i++) {
      const made = await users.create({ username: `u${i}`, password: PASSWORD }, { id: null, name: 'bench' });
      if (!made.ok) throw new Error(made.message);
    }
    const env = {
      ...testDb.env,
      WAYMARK_SYNC_PUSHES_PER_MINUTE: '100000',
      WAYMARK_LEADER_CHECK_MS: '250',
    };
    for (let i = 0; i < processCount; i++) processes.push(await startServerProcess(env));
    await until(() => leaderPid(testDb.env.DATABASE_URL!).then((p) => p ?? undefined), 30_000);
    // Each client signs in on every process (a load balancer sends each request anywhere).
    const clients: BenchClient[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const cookies = [];
      for (const p of processes) cookies.push(await loginAt(p.base, `u${i}`, PASSWORD));
      const made = await apiAt(processes[0]!.base, 'POST', '/api/cases', {
        cookie: cookies[0],
        body: { name: `Op ${i}` },
      });
      const caseId = CaseView.parse(await made.json()).id;
      clients.push({
        caseId,
        cookies,
        clientId: ulid(),
        seq: 1,
        cursor: 0,
        pushed: [] as string[],
        seen: new Set<string>(),
        seqOf: new Map<string, number>(),
      });
    }
    // Client 0's own stream, held by the last process: each of its pushes through another process
    // must reach it through LISTEN/NOTIFY (measured from the push's answer, i.e. after its commit).
    const watcher =
      processCount > 1 ? await watchPokes(processes.at(-1)!.base, clients[0]!.cookies.at(-1)!) : null;
    const crossPushes: { seq: number; sentAt: number; answeredAt: number }[] = [];
    let turn = 0;
    const stopAt = performance.now() + SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() < stopAt) {
          const at = turn++ % processes.length;
          const base = processes[at]!.base;
          const cookie = c.cookies[at]!;
          const mutations = Array.from({ length: BATCH }, () => {
            const id = ulid();
            c.pushed.push(id);
            return {
              mutationId: ulid(),
              seq: c.seq++,
              caseId: c.caseId,
              entity: 'media',
              id,
              op: 'put',
              fields: syncedMedia(c.caseId, id),
            };
          });
          const sentAt = performance.now();
          const push = await apiAt(base, 'POST', '/api/sync/push', {
            cookie,
            body: { protocol: SYNC_PROTOCOL_VERSION, clientId: c.clientId, mutations },
          });
          if (push.status !== 200) throw new Error(`push ${push.status}: ${await push.text()}`);
          PushResponse.parse(await push.json());
          const answeredAt = performance.now();
          await pullAll(base, cookie, c);
          // The poke of this commit carries its last change's seq (the answer's latestSeq is the
          // server's, after other clients' commits too).
          if (c === clients[0] && watcher && at !== processes.length - 1)
            crossPushes.push({
              seq: Math.max(...mutations.map((m) => c.seqOf.get(m.id) ?? 0)),
              sentAt,
              answeredAt,
            });
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    // Pokes still on their way: a late one is counted with its delay, not as missing.
    const lastSeq = crossPushes.at(-1)?.seq ?? 0;
    if (watcher)
      await until(() => Promise.resolve(watcher.delay(lastSeq, 0) !== null || undefined), 5000).catch(
        () => {},
      );
    watcher?.close();
    const total = clients.reduce((n, c) => n + c.pushed.length, 0);
    // Nothing lost, nothing duplicated.
    for (const c of clients) await pullAll(processes[0]!.base, c.cookies[0]!, c);
    const stored = await testDb.database.db
      .selectFrom('sync_entities')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('entity', '=', 'media')
      .executeTakeFirstOrThrow();
    const puts = await sql<{ n: string; d: string }>`
      select count(*) as n, count(distinct entity_id) as d from sync_changes where entity = 'media' and kind = 'put'
    `.execute(testDb.database.db);
    const missing = clients.reduce((n, c) => n + c.pushed.filter((id) => !c.seen.has(id)).length, 0);
    const ok =
      Number(stored.n) === total &&
      Number(puts.rows[0]!.n) === total &&
      Number(puts.rows[0]!.d) === total &&
      missing === 0;
    console.log(
      `  ${processCount} process(es): ${total} media in ${elapsed.toFixed(1)} s = ${(total / elapsed).toFixed(0)} media/s pushed and pulled; ` +
        `stored ${stored.n}, log puts ${puts.rows[0]!.n} (${puts.rows[0]!.d} distinct), unseen by their client ${missing}: ${ok ? 'nothing lost or duplicated' : 'MISMATCH'}`,
    );
    if (!ok) process.exitCode = 1;
    // From the push's answer (its commit is before it; negative: the poke came first) and, as an upper
    // bound that also counts the push's own work, from sending it.
    const delays = (from: 'sentAt' | 'answeredAt') =>
      crossPushes
        .map((p) => watcher?.delay(p.seq, p[from]) ?? Number.POSITIVE_INFINITY)
        .sort((a, b) => a - b);
    const pokeMs = delays('answeredAt');
    if (pokeMs.length > 0) {
      const figures = (sorted: number[]) =>
        `p50 ${pct(sorted, 50).toFixed(1)} ms, p99 ${pct(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
      console.log(
        `     cross-process pokes (${pokeMs.length} pushes by one client through another process than the one holding its stream): ` +
          `after the push's answer ${figures(pokeMs)}; after sending it ${figures(delays('sentAt'))}; ` +
          `never poked ${pokeMs.filter((d) => !Number.isFinite(d)).length}`,
      );
    }
    let failoverMs: number | null = null;
    if (processCount > 1) {
      const leader = await leaderPid(testDb.env.DATABASE_URL!);
      const dying = processes.find((p) => p.pid === leader)!;
      const killedAt = performance.now();
      await dying.kill();
      await until(
        () => leaderPid(testDb.env.DATABASE_URL!).then((p) => (p !== null && p !== leader ? p : undefined)),
        30_000,
      );
      failoverMs = performance.now() - killedAt;
    }
    return { perSecond: total / elapsed, failoverMs, pokeMs };
  } finally {
    for (const p of processes) await p.kill();
    await testDb.dispose();
  }
}

async function pullAll(
  base: string,
  cookie: string,
  c: { clientId: string; cursor: number; seen: Set<string>; seqOf?: Map<string, number> },
): Promise<void> {
  for (;;) {
    const response = await apiAt(base, 'POST', '/api/sync/pull', {
      cookie,
      body: { protocol: SYNC_PROTOCOL_VERSION, clientId: c.clientId, cursor: c.cursor },
    });
    if (response.status !== 200) throw new Error(`pull ${response.status}`);
    const page = (await response.json()) as PullResponse;
    for (const ch of page.changes)
      if (ch.entity === 'media' && ch.kind === 'put' && ch.id) {
        c.seen.add(ch.id);
        c.seqOf?.set(ch.id, ch.seq);
      }
    c.cursor = page.nextCursor;
    if (!page.hasMore) return;
  }
}

async function partA(): Promise<void> {
  console.log(
    `a) push+pull throughput on one PostgreSQL: ${CLIENTS} clients, ${BATCH} new media per push, ${SECONDS} s per run`,
  );
  console.log(`   machine: ${machine()} (the load generator runs on the same cores)`);
  const results: Record<number, number> = {};
  const failovers: number[] = [];
  for (const n of [1, 2, 4]) {
    const r = await throughput(n);
    results[n] = r.perSecond;
    if (r.failoverMs !== null) failovers.push(r.failoverMs);
  }
  console.log(
    `   ratio to one process: 2 -> ${(results[2]! / results[1]!).toFixed(2)}x, 4 -> ${(results[4]! / results[1]!).toFixed(2)}x`,
  );
  console.log(
    `   leader failover (kill -9 to another process holding the lock, check every 250 ms): ${failovers.map((f) => `${f.toFixed(0)} ms`).join(', ')}`,
  );
  console.log(`   machine after: ${machine()}`);
}

async function seed(testDb: TestDatabase, count: number): Promise<void> {
  // Straight into sync_entities, as a server holding them would have them (1,000 cases).
  const chunk = 100_000;
  for (let from = 0; from < count; from += chunk) {
    await sql`
      insert into sync_entities (case_id, entity, id, data, field_versions, deleted, seq, series_id, updated_at, data_version)
      select 'case-' || (i % 1000), 'media', 'm' || i,
             json_build_object('id', 'm' || i, 'caseId', 'case-' || (i % 1000), 'seriesId', '',
               'md5', md5('md5' || i), 'sha1', md5('sha1' || i) || substr(md5('sha1b' || i), 1, 8),
               'sha256', md5('a' || i) || md5('b' || i),
               'pdq', md5(random()::text) || md5(random()::text), 'pdqQuality', 100)::text,
             '{}', 0, i, '', '2026-01-01T00:00:00.000Z', ${SYNCED_RECORDS.media.version}::int
      from generate_series(${from + 1}::int, ${Math.min(count, from + chunk)}::int) i
    `.execute(testDb.database.db);
  }
  await sql`update sync_counter set v = ${count} where id = 1`.execute(testDb.database.db);
}

function flip(hex: string, bits: number, salt: number): string {
  const bytes = Buffer.from(hex, 'hex');
  for (let i = 0; i < bits; i++) {
    const bit = (i * 37 + salt * 11) % 256;
    bytes[bit >> 3]! ^= 1 << (bit & 7);
  }
  return bytes.toString('hex');
}

/** GC pauses of this process (total and longest), collected from `start()`. */
const gc = (() => {
  let total = 0;
  let longest = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      total += entry.duration;
      longest = Math.max(longest, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  return {
    start: () => {
      total = 0;
      longest = 0;
    },
    report: () => `GC pauses ${total.toFixed(0)} ms in all, longest ${longest.toFixed(0)} ms`,
  };
})();

/**
 * CPU time (ms) of the PostgreSQL backends serving `database` (the pool's connections, this query's
 * among them), read from /proc: null when the server runs elsewhere.
 */
async function backendCpuMs(db: Kysely<DatabaseSchema>, database: string): Promise<number | null> {
  const pids = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = ${database}
  `.execute(db);
  let ms = 0;
  try {
    for (const { pid } of pids.rows) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ms += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 1/100 s
    }
  } catch {
    return null;
  }
  return ms;
}

type Lookup = (m: QueryMedia) => Promise<{ hits: unknown[]; complete: boolean }>;
interface QueryMedia {
  caseId: string;
  mediaId: string;
  seriesId: string;
  md5: string;
  sha1: string;
  pdq: string;
  pdqQuality: number;
  pdqDihedral: string[];
}

/** Lookups of a media record: a quarter are stored images seen again (PDQ 10 bits off, same MD5). */
async function queryMedia(db: Kysely<DatabaseSchema>, count: number, salt: string): Promise<QueryMedia[]> {
  const stored = await sql<{ data: string }>`
    select data from sync_entities where entity = 'media' order by random() limit ${Math.ceil(count / 4)}
  `.execute(db);
  return Array.from({ length: count }, (_, q) => {
    const known =
      q % 4 === 0 ? (JSON.parse(stored.rows[q / 4]!.data) as { pdq: string; md5: string }) : undefined;
    const id = `q${salt}${q}`;
    const base = syncedMedia('query-case', id);
    const pdq = known ? flip(known.pdq, 10, q) : base.pdq;
    return {
      caseId: 'query-case',
      mediaId: id,
      seriesId: '',
      md5: known?.md5 ?? base.md5,
      sha1: base.sha1,
      pdq,
      pdqQuality: 100,
      pdqDihedral: fakeDihedral(pdq),
    };
  });
}

async function partB(): Promise<void> {
  console.log(
    REUSE
      ? `b) deconfliction with the PostgreSQL index of a kept database`
      : `b) deconfliction with the PostgreSQL index at ${INDEXED.toLocaleString('en')} stored hashes`,
  );
  console.log(`   machine: ${machine()}`);
  const testDb: TestDatabase = REUSE
    ? {
        database: openDatabase({ dataDir: '/nonexistent', databaseUrl: postgresUrlFor(REUSE) }),
        env: { DATA_DIR: '/nonexistent', DATABASE_URL: postgresUrlFor(REUSE) },
        dispose: async () => {},
      }
    : await createTestDatabase('postgres');
  const name = new URL(testDb.env.DATABASE_URL!).pathname.slice(1);
  try {
    const db = testDb.database.db;
    let t = performance.now();
    const index = new PgMatchIndex(db, copyBucketReader(testDb.database.copyRows!));
    // The same index reading its buckets as ordinary rows (hex text), as the lookup did before COPY.
    const rowIndex = new PgMatchIndex(db, rowBucketReader(db));
    if (REUSE) console.log(`   reusing database ${REUSE} (${await index.size()} media indexed)`);
    else {
      await seed(testDb, INDEXED);
      console.log(`   seeded ${INDEXED} media rows in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      t = performance.now();
      const size = await index.prepare();
      const buildS = (performance.now() - t) / 1000;
      await sql`vacuum analyze sync_entities`.execute(db);
      console.log(`   index built from sync_entities in ${buildS.toFixed(0)} s (${size} media)`);
    }
    const sizes = await sql<{ media: string; values: string; buckets: string; all: string }>`
      select pg_size_pretty(pg_total_relation_size('dcf_media')) as media,
             pg_size_pretty(pg_total_relation_size('dcf_pdq_values')) as values,
             pg_size_pretty(pg_total_relation_size('dcf_pdq_buckets')) as buckets,
             pg_size_pretty(pg_database_size(current_database())) as all
    `.execute(db);
    const z = sizes.rows[0]!;
    console.log(
      `   sizes: dcf_media ${z.media}, dcf_pdq_values ${z.values}, dcf_pdq_buckets ${z.buckets}, whole database ${z.all}`,
    );
    // The build's dirty pages written out now, not by the first lookups' backends.
    await sql`checkpoint`.execute(db);

    /** Runs `lookups` (one or more ways of asking) over `queries`, alternating which asks first. */
    const measure = async (
      label: string,
      queries: readonly QueryMedia[],
      lookups: Record<string, Lookup>,
    ) => {
      const latencies = Object.fromEntries(Object.keys(lookups).map((k) => [k, [] as number[]]));
      const counts = Object.fromEntries(Object.keys(lookups).map((k) => [k, { hits: 0, cut: 0 }]));
      const before = machine();
      const cpuBefore = await backendCpuMs(db, name);
      gc.start();
      for (const [q, media] of queries.entries()) {
        const order = Object.keys(lookups);
        if (q % 2 === 1) order.reverse();
        for (const key of order) {
          const started = performance.now();
          const answer = await lookups[key]!(media);
          latencies[key]!.push(performance.now() - started);
          if (answer.hits.length > 0) counts[key]!.hits++;
          if (!answer.complete) counts[key]!.cut++;
        }
      }
      const cpuAfter = await backendCpuMs(db, name);
      const lookupsRun = queries.length * Object.keys(lookups).length;
      console.log(`   ${label} (${before}; ${gc.report()}):`);
      for (const [key, sorted] of Object.entries(latencies)) {
        sorted.sort((x, y) => x - y);
        console.log(
          `     ${key}: ${sorted.length} lookups (8 PDQ + MD5 + SHA-1 each; ${counts[key]!.hits} with matches, ${counts[key]!.cut} cut by a bound): p50 ${pct(sorted, 50).toFixed(1)} ms, p99 ${pct(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`,
        );
      }
      if (cpuBefore !== null && cpuAfter !== null)
        console.log(
          `     PostgreSQL CPU ${((cpuAfter - cpuBefore) / lookupsRun).toFixed(1)} ms per lookup (all ways together); load after: ${machine()}`,
        );
    };
    const current: Lookup = (m) => index.lookup(m);
    const queries = await queryMedia(db, QUERIES, 'a');
    await measure('posting lists, first run after the build', queries, { current });
    await measure('posting lists, the same queries again', queries, { current });
    await measure('posting lists, new queries', await queryMedia(db, QUERIES, 'b'), {
      'before (buckets as rows, hex text)': (m) => rowIndex.lookup(m),
      'after (buckets through COPY, binary)': current,
    });
    if (BEFORE_QUERIES > 0) {
      t = performance.now();
      await buildSliceColumns(db);
      console.log(
        `   before (0006's slice columns) rebuilt from the same values in ${((performance.now() - t) / 1000).toFixed(0)} s`,
      );
      await measure("0006's slice columns", queries.slice(0, BEFORE_QUERIES), {
        'slice columns': (m) => sliceColumnsLookup(db, m),
      });
      await measure('posting lists again, after the old layout ran', queries.slice(0, BEFORE_QUERIES), {
        current,
      });
      await sql`drop table bench_slice_columns`.execute(db);
    }
    if (REUSE) return;

    // The API process's memory: a server leading with this index, then the same on an empty database.
    const memory = async (env: Record<string, string>) => {
      const p = await startServerProcess({
        ...env,
        WAYMARK_DECONFLICTION_INDEX: 'postgres',
        WAYMARK_LEADER_CHECK_MS: '250',
      });
      try {
        await until(() => leaderPid(env.DATABASE_URL!).then((l) => (l === p.pid ? true : undefined)), 30_000);
        await new Promise((r) => setTimeout(r, 3000));
        return rssMiB(p.pid);
      } finally {
        await p.kill();
      }
    };
    const full = await memory(testDb.env);
    const empty = await createTestDatabase('postgres');
    let none: number;
    try {
      none = await memory(empty.env);
    } finally {
      await empty.dispose();
    }
    console.log(
      `   API process resident memory, leading with the PostgreSQL index: ${full.toFixed(0)} MiB at ${INDEXED.toLocaleString('en')} hashes, ${none.toFixed(0)} MiB on an empty database`,
    );
  } finally {
    if (KEEP && !REUSE) {
      await testDb.database.close();
      console.log(`   kept database ${name} (BENCH_SCALE_REUSE=${name})`);
    } else if (REUSE) await testDb.database.close();
    else await testDb.dispose();
  }
}

/** 0006's layout in a scratch table: each distinct PDQ with its 16 slices in B-tree-indexed columns. */
async function buildSliceColumns(db: Kysely<DatabaseSchema>): Promise<void> {
  const slices = Array.from(
    { length: 16 },
    (_, i) => sql`substring(pdq from ${sql.lit(i * 16 + 1)} for 16)::bit(16)::int as ${sql.ref(`s${i}`)}`,
  );
  await sql`create table bench_slice_columns as select pdq, ${sql.join(slices)} from dcf_pdq_values`.execute(
    db,
  );
  await sql`alter table bench_slice_columns add primary key (pdq)`.execute(db);
  for (let i = 0; i < 16; i++)
    await sql`create index ${sql.id(`bench_slice_columns_s${i}`)} on bench_slice_columns (${sql.ref(`s${i}`)})`.execute(
      db,
    );
  await sql`vacuum analyze bench_slice_columns`.execute(db);
}

/** A lookup as 0006's PgMatchIndex did it: 3 exact statements, one 16-way OR per dihedral hash, holders. */
async function sliceColumnsLookup(
  db: Kysely<DatabaseSchema>,
  media: { caseId: string; md5: string; sha1: string; pdqDihedral: readonly string[] },
): Promise<{ hits: unknown[]; complete: boolean }> {
  const hits: unknown[] = [];
  let complete = true;
  for (const [kind, value] of [
    ['md5', media.md5],
    ['sha1', media.sha1],
  ] as const) {
    const rows = await sql`
      select case_id, media_id, series_id from dcf_media where ${sql.ref(kind)} = ${value} and case_id <> ${media.caseId} limit 65
    `.execute(db);
    hits.push(...rows.rows);
  }
  const masks = probeMasks(1);
  const near = new Set<string>();
  for (const hex of media.pdqDihedral) {
    const keys = pdqSlices(hex);
    const probes = keys.map(
      (k, i) => sql`${sql.ref(`s${i}`)} = any(${Array.from(masks, (m) => k ^ m)}::int[])`,
    );
    const rows = await sql<{ pdq: string | null; n: number | null }>`
      with c as (select pdq from bench_slice_columns where ${sql.join(probes, sql` or `)} limit 4096)
      select null::text as pdq, count(*)::int as n from c
      union all
      select pdq::text, null from c where bit_count(pdq # ${pdqBits(hex)}::bit(256)) <= 31
    `.execute(db);
    for (const r of rows.rows) {
      if (r.pdq === null) complete &&= Number(r.n) < 4096;
      else near.add(r.pdq);
    }
  }
  if (near.size > 0) {
    const rows = await sql`
      select case_id, media_id, series_id from dcf_media
      where pdq = any(${[...near]}::bit(256)[]) and case_id <> ${media.caseId} limit 65
    `.execute(db);
    hits.push(...rows.rows);
  }
  return { hits, complete };
}

if (!part || part === 'a') await partA();
if (!part || part === 'b') await partB();
process.exit(process.exitCode ?? 0);
