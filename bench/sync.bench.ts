// `npm run bench:sync`: the sync server's throughput, in independent parts (run one with --part X):
//   a  pushed mutations per second: 10,000 media mutations in batches of 500, through the real routes
//      (app.inject) on SQLite and PostgreSQL, then one full pull of them
//   b  deconfliction lookups per second against 1,000,000 indexed PDQ hashes (synthetic random hashes
//      with planted near matches), and exact MD5 lookups
//   c  initial sync of a 100,000-media case into a fresh browser: the case is seeded straight into the
//      server's tables (as a server holding it would have them), the real server is started, and
//      Debian's Chromium signs in; timed until IndexedDB holds every record, then until the case opens
// Settings: BENCH_SYNC_MUTATIONS (10000), BENCH_SYNC_BATCH (500), BENCH_SYNC_INDEXED (1000000),
// BENCH_SYNC_QUERIES (400), BENCH_SYNC_MEDIA (100000), BENCH_PORT (8215).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { Insertable } from 'kysely';
import { ulid } from 'ulidx';

import type { DatabaseKind } from '../src/contract/health.contract';
import { createApp } from '../src/server/app';
import { openDatabase } from '../src/server/db/database';
import type { SyncEntitiesTable } from '../src/server/db/schema';
import { migrateToLatest } from '../src/server/db/migrate';
import { createUnitOfWork } from '../src/server/repositories/unit-of-work';
import { UsersService } from '../src/server/services/users.service';
import { REPO_ROOT } from '../test/corpus';
import { launchChromium, startBenchServer, waitForServer } from './bench-support';
import { PDQ_WORDS, pdqWordsToHex } from '../src/domain/hashing/pdq-hex';
import {
  DeconflictionIndex,
  PDQ_MATCH_RADIUS,
} from '../src/server/services/deconfliction/deconfliction-index';
import { TestSyncClient, type NewMutation } from '../src/server/testing/sync-client';
import { createTestApp } from '../src/server/testing/test-app';
import { TEST_DATABASE_KINDS } from '../src/server/testing/test-database';

const MUTATIONS = Number(process.env.BENCH_SYNC_MUTATIONS ?? 10_000);
const BATCH = Number(process.env.BENCH_SYNC_BATCH ?? 500);
const INDEXED = Number(process.env.BENCH_SYNC_INDEXED ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_SYNC_QUERIES ?? 400);

/** xorshift32: fast, seeded, so runs are comparable. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

const rand = random(0x5eed);
const randomWords = () => Uint32Array.from({ length: PDQ_WORDS }, rand);
const randomHex = (chars: number) => {
  let s = '';
  while (s.length < chars) s += rand().toString(16).padStart(8, '0');
  return s.slice(0, chars);
};

/** A copy of `words` with `bits` distinct random bits flipped. */
function nearby(words: Uint32Array, bits: number): Uint32Array {
  const out = words.slice();
  const flipped = new Set<number>();
  while (flipped.size < bits) flipped.add(rand() % 256);
  for (const p of flipped) out[p >> 5] = (out[p >> 5]! ^ (1 << (p & 31))) >>> 0;
  return out;
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en');

/**
 * Wall-clock and this process's CPU time (user + system) of `work`: on a shared, loaded machine the
 * CPU figure is the steadier one (it leaves out time spent waiting for a core; PostgreSQL's own CPU
 * time is in neither).
 */
async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const figures = (n: number, unit: string, t: { wallMs: number; cpuMs: number }) =>
  `${(t.wallMs / 1000).toFixed(2)} s wall = ${rate(n, t.wallMs)} ${unit}/s ` +
  `(${(t.cpuMs / 1000).toFixed(2)} s CPU = ${rate(n, t.cpuMs)} ${unit}/CPU-s)`;

// ---------------------------------------------------------------------------------------------------
// Part a: pushed mutations per second
// ---------------------------------------------------------------------------------------------------
function mediaMutation(caseId: string, seriesId: string): NewMutation {
  const id = ulid();
  const pdq = randomHex(64);
  return {
    caseId,
    entity: 'media',
    id,
    op: 'put',
    fields: {
      id,
      caseId,
      md5: randomHex(32),
      sha1: randomHex(40),
      sha256: randomHex(64),
      bytes: 200_000 + (rand() % 100_000),
      width: 1024,
      height: 768,
      mimeType: 'image/jpeg',
      format: 'jpeg',
      pdq,
      pdqQuality: 90,
      pdqDihedral: [pdq, ...Array.from({ length: 7 }, () => randomHex(64))],
      firstPath: `set/${id}.jpg`,
      sortAt: '~',
      camera: '',
      hasGps: 0,
      category: null,
      categorySlot: -1,
      seriesId,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    },
  };
}

async function partPush(kind: DatabaseKind): Promise<void> {
  const t = await createTestApp(kind, { security: { syncPushesPerMinute: 100_000 } });
  try {
    await t.addUser('bench');
    const cookie = await t.login('bench');
    const created = await t.call('POST', '/api/cases', { cookie, body: { name: 'Bench case' } });
    const caseId = created.json<{ id: string }>().id;
    const client = new TestSyncClient(t, cookie);
    const batches: ReturnType<TestSyncClient['number']>[] = [];
    for (let done = 0; done < MUTATIONS; done += BATCH)
      batches.push(
        client.number(
          ...Array.from({ length: Math.min(BATCH, MUTATIONS - done) }, () => mediaMutation(caseId, '')),
        ),
      );
    const pushed = await timed(async () => {
      for (const batch of batches) {
        const response = await client.send(batch);
        if (response.statusCode !== 200)
          throw new Error(`push failed: ${response.statusCode} ${response.body}`);
      }
    });
    const pulled = await timed(() => new TestSyncClient(t, cookie).pull(5000));
    const puts = pulled.value.filter((c) => c.kind === 'put' && c.entity === 'media').length;
    if (puts !== MUTATIONS) throw new Error(`pulled ${puts} media puts, expected ${MUTATIONS}`);
    console.log(
      `  ${kind.padEnd(8)} push ${MUTATIONS.toLocaleString('en')} mutations in batches of ${BATCH}: ` +
        figures(MUTATIONS, 'mutations', pushed),
    );
    console.log(`  ${kind.padEnd(8)} pull of them (pages of 5,000): ${figures(puts, 'changes', pulled)}`);
  } finally {
    await t.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Part b: deconfliction lookups against 1,000,000 indexed hashes
// ---------------------------------------------------------------------------------------------------
async function partLookups(): Promise<void> {
  const index = new DeconflictionIndex();
  const queries: { words: Uint32Array; md5: string; planted: boolean }[] = [];
  const built = await timed(() => {
    for (let i = 0; i < INDEXED; i++) {
      const words = randomWords();
      const md5 = randomHex(32);
      index.upsert(
        {
          caseId: `case-${i % 1000}`,
          mediaId: `m${i}`,
          seriesId: '',
          md5,
          pdq: pdqWordsToHex(words),
          pdqQuality: 90,
        },
        1,
      );
      // Every (INDEXED / QUERIES)th entry gets a query: half planted within the radius, half random.
      if (queries.length < QUERIES && i % Math.floor(INDEXED / QUERIES) === 0) {
        const planted = queries.length % 2 === 0;
        queries.push({
          words: planted ? nearby(words, 1 + (rand() % PDQ_MATCH_RADIUS)) : randomWords(),
          md5: planted ? md5 : randomHex(32),
          planted,
        });
      }
    }
  });
  const memory = process.memoryUsage();
  console.log(
    `  index of ${INDEXED.toLocaleString('en')} media (PDQ + MD5) built: ${figures(INDEXED, 'media', built)}; ` +
      `heap ${Math.round(memory.heapUsed / 2 ** 20)} MiB, arrays ${Math.round(memory.arrayBuffers / 2 ** 20)} MiB`,
  );

  // One media lookup as a push does it: its 8 dihedral hashes (the planted one and 7 random) and MD5.
  const asMedia = queries.map((q) => ({
    caseId: 'querying-case',
    mediaId: 'q',
    seriesId: '',
    pdqQuality: 90,
    pdqDihedral: [pdqWordsToHex(q.words), ...Array.from({ length: 7 }, () => pdqWordsToHex(randomWords()))],
  }));
  const planted = queries.filter((q) => q.planted).length;
  const pdq = await timed(
    () =>
      asMedia.filter((m, i) => queries[i]!.planted && index.lookup(m).hits.some((h) => h.kinds.has('pdq')))
        .length,
  );
  console.log(
    `  PDQ lookups, 8 dihedral hashes each within ${PDQ_MATCH_RADIUS}: ${figures(asMedia.length, 'media', pdq)}; ` +
      `= ${rate(asMedia.length * 8, pdq.cpuMs)} hash queries/CPU-s; planted near matches found ${pdq.value}/${planted}`,
  );

  const rounds = 50;
  const exact = await timed(() => {
    let found = 0;
    for (let r = 0; r < rounds; r++)
      for (const q of queries)
        if (index.lookup({ caseId: 'querying-case', mediaId: 'q', seriesId: '', md5: q.md5 }).hits.length)
          found++;
    return found / rounds;
  });
  console.log(
    `  exact MD5 lookups: ${figures(queries.length * rounds, 'lookups', exact)}; planted found ${exact.value}/${planted}`,
  );
  if (pdq.value !== planted || exact.value !== planted) throw new Error('a planted match was not found');
}

// ---------------------------------------------------------------------------------------------------
// Part c: initial sync of a 100,000-media case into a fresh browser
// ---------------------------------------------------------------------------------------------------
const SYNC_MEDIA = Number(process.env.BENCH_SYNC_MEDIA ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 8215);
const DIST = process.env.WAYMARK_DIST ?? 'node_modules/.dist-workspace';
const PASSWORD = 'a long bench passphrase';

/** The case as a server holding it would have it: a user, the case (through the API), series and media. */
async function seedServer(dataName: string): Promise<string> {
  const database = openDatabase({
    dataDir: join(REPO_ROOT, 'node_modules', dataName),
    databaseUrl: undefined,
  });
  await migrateToLatest(database);
  const app = await createApp({ database, version: 'bench' });
  const users = new UsersService(createUnitOfWork(database));
  const made = await users.create({ username: 'bench', password: PASSWORD }, { id: null, name: 'bench' });
  if (!made.ok) throw new Error(made.message);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json', 'x-waymark-request': '1' },
    payload: JSON.stringify({ username: 'bench', password: PASSWORD }),
  });
  const cookie = login.cookies[0];
  if (!cookie) throw new Error(`login failed: ${login.body}`);
  const created = await app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: {
      'content-type': 'application/json',
      'x-waymark-request': '1',
      cookie: `${cookie.name}=${cookie.value}`,
    },
    payload: JSON.stringify({ name: 'Bench initial sync' }),
  });
  const caseId = created.json<{ id: string }>().id;
  await app.close();

  const series = Math.max(1, Math.round(SYNC_MEDIA / 20));
  const seriesIds = Array.from({ length: series }, () => ulid());
  const at = new Date().toISOString();
  const counter = await database.db.selectFrom('sync_counter').select('v').executeTakeFirstOrThrow();
  let seq = Number(counter.v);
  const versions = (data: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(Object.keys(data).map((k) => [k, 1])));
  const rows: DatabaseRow[] = seriesIds.map((id, n) => {
    const data = { id, caseId, number: n + 1, name: '', createdAt: at, updatedAt: at };
    return {
      case_id: caseId,
      entity: 'series',
      id,
      data: JSON.stringify(data),
      field_versions: versions(data),
      deleted: 0,
      seq: ++seq,
      series_id: null,
      updated_at: at,
    };
  });
  for (let m = 0; m < SYNC_MEDIA; m++) {
    const seriesId = seriesIds[m % series]!;
    const { fields } = mediaMutation(caseId, seriesId);
    const data = { ...fields, categorySlot: undefined };
    rows.push({
      case_id: caseId,
      entity: 'media',
      id: String(fields!.id),
      data: JSON.stringify(data),
      field_versions: versions(data),
      deleted: 0,
      seq: ++seq,
      series_id: seriesId,
      updated_at: at,
    });
  }
  await database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('sync_entities')
        .values(rows.slice(i, i + 500))
        .execute();
    await trx.updateTable('sync_counter').set({ v: seq }).where('id', '=', 1).execute();
  });
  await database.close();
  return caseId;
}

type DatabaseRow = Insertable<SyncEntitiesTable>;

async function partInitialSync(): Promise<void> {
  const dataName = `.bench-sync-${Date.now()}`;
  const seeding = await timed(() => seedServer(dataName));
  const caseId = seeding.value;
  console.log(
    `  seeded ${SYNC_MEDIA.toLocaleString('en')} media on the server in ${(seeding.wallMs / 1000).toFixed(1)} s`,
  );
  const server = startBenchServer({ port: PORT, dist: DIST, dataName });
  const base = `http://127.0.0.1:${PORT}`;
  const browser = await launchChromium();
  try {
    await waitForServer(`${base}/api/health`, 300_000);
    const page = await browser.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('bench');
    await page.getByLabel('Password').fill(PASSWORD);
    const start = performance.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    const countMedia = () =>
      page.evaluate(
        (id) =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('waymark');
            open.onerror = () => resolve(0);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('media')) {
                db.close();
                resolve(0);
                return;
              }
              const count = db.transaction('media').objectStore('media').index('caseId').count(id);
              count.onsuccess = () => {
                db.close();
                resolve(count.result);
              };
              count.onerror = () => resolve(0);
            };
          }),
        caseId,
      );
    let stored = 0;
    const deadline = start + 600_000;
    while (stored < SYNC_MEDIA) {
      if (performance.now() > deadline) throw new Error(`only ${stored} media arrived in 10 minutes`);
      await page.waitForTimeout(250);
      stored = await countMedia();
    }
    const syncedMs = performance.now() - start;
    await page.goto(`${base}/cases/${caseId}`);
    await page
      .locator('.screen-header')
      .getByText(`${SYNC_MEDIA.toLocaleString('en')} images`, { exact: true })
      .waitFor({ timeout: 120_000 });
    const openMs = performance.now() - start;
    console.log(
      `  initial sync into a fresh browser: ${(syncedMs / 1000).toFixed(1)} s for ${SYNC_MEDIA.toLocaleString('en')} media ` +
        `(${rate(SYNC_MEDIA, syncedMs)} media/s; goal <= 30 s); case open with its count at ${(openMs / 1000).toFixed(1)} s`,
    );
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

const PARTS: Record<string, { title: string; run: () => Promise<void> | void }> = {
  a: {
    title: `(a) ${MUTATIONS.toLocaleString('en')} pushed mutations`,
    run: async () => {
      for (const kind of TEST_DATABASE_KINDS) await partPush(kind);
    },
  },
  b: {
    title: `(b) deconfliction lookups against ${INDEXED.toLocaleString('en')} indexed hashes`,
    run: partLookups,
  },
  c: {
    title: `(c) initial sync of a ${SYNC_MEDIA.toLocaleString('en')}-media case into a fresh browser`,
    run: partInitialSync,
  },
};

function selectedParts(argv: readonly string[]): string[] {
  const at = argv.indexOf('--part');
  const inline = argv.find((a) => a.startsWith('--part='))?.slice('--part='.length);
  const raw = inline ?? (at >= 0 ? argv[at + 1] : undefined);
  if (raw === undefined) return Object.keys(PARTS);
  const parts = raw.split(',').map((p) => p.trim().toLowerCase());
  const unknown = parts.filter((p) => !(p in PARTS));
  if (unknown.length)
    throw new Error(`unknown part ${unknown.join(', ')}: choose from ${Object.keys(PARTS).join(', ')}`);
  return parts;
}

for (const part of selectedParts(process.argv.slice(2))) {
  const { title, run } = PARTS[part]!;
  console.log(`bench:sync ${title}`);
  await run();
}
