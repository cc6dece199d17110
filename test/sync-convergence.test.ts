// Fault-injection property test of sync, end to end in one process: the real server (Fastify app over
// SQLite, through its HTTP routes with app.inject) and two real client engines (Dexie over
// fake-indexeddb, the outbox middleware and the repositories the screens use). Between random local
// edits, syncs run through a transport that loses requests, loses answers after the server applied
// them, sends requests twice, and answers with an older page (re-ordering); the server restarts; a
// client "crashes" after applying a page and before storing its cursor. After the faults stop, both
// analysts and a fresh third browser must hold exactly the same synced records as each other, with
// every note written exactly once and every series size equal to its members.
import 'fake-indexeddb/auto';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { mulberry32 } from '../src/domain/random/mulberry32';
import type { MediaId, SeriesId } from '../src/domain/case/media';
import { pickSynced, type SyncedEntity } from '../src/contract/records/synced-records';
import { createCase } from '../src/client/db/cases.repository';
import { WaymarkDatabase } from '../src/client/db/database';
import { setCategories } from '../src/client/db/media.repository';
import { saveNote } from '../src/client/db/notes.repository';
import { moveToSeries, renameSeries } from '../src/client/db/series.repository';
import { shareCase } from '../src/client/sync/share-case';
import { SyncEngine } from '../src/client/sync/sync-engine';
import { mediaRecord, seriesRecord } from '../src/client/db/testing/records';
import { CursorExpiredError, type SyncTransport } from '../src/client/sync/transport';
import { addMember } from '../src/server/testing/members';
import { createTestApp, type TestApp } from '../src/server/testing/test-app';
import { createTestDatabase, type TestDatabase } from '../src/server/testing/test-database';

const MEDIA = 6;
const SERIES = ['S1', 'S2', 'S3'];
const COMPARED: readonly SyncedEntity[] = ['cases', 'media', 'series', 'noteRevisions'];

/** A deterministic generator, seeded by fast-check, so a failing run replays exactly. */
const random = mulberry32;

class TransportFailure extends Error {}

/** How often each fault fired over all runs: the last test checks the runs really met them. */
const fired = { lost: 0, answerLost: 0, twice: 0, reordered: 0, crash: 0, restart: 0 };

interface Server {
  app: TestApp;
}

/** The real routes, with faults decided by `rng` while `faulty()` says so. */
function faultyTransport(
  server: Server,
  cookie: string,
  rng: () => number,
  faulty: () => boolean,
): SyncTransport {
  const old = new Map<string, unknown[]>();
  async function call<T>(path: string, body: unknown): Promise<T> {
    const response = await server.app.call('POST', path, { cookie, body });
    if (response.statusCode === 410) throw new CursorExpiredError();
    if (response.statusCode !== 200)
      throw new TransportFailure(`${path}: ${response.statusCode} ${response.body}`);
    return response.json<T>();
  }
  async function withFaults<T>(path: string, body: unknown): Promise<T> {
    const seen = old.get(path) ?? [];
    old.set(path, [...seen.slice(-4), body]);
    if (!faulty()) return call<T>(path, body);
    const roll = rng();
    if (roll < 0.12) {
      fired.lost++;
      throw new TransportFailure('request lost before the server');
    }
    if (roll < 0.24) {
      await call<T>(path, body);
      fired.answerLost++;
      throw new TransportFailure('answer lost after the server applied it');
    }
    if (roll < 0.34) {
      await call<T>(path, body);
      fired.twice++;
      return call<T>(path, body); // sent twice
    }
    if (roll < 0.44 && seen.length > 0) {
      // Re-ordered: an older request of the same kind arrives now, and its answer is the one we get.
      const earlier = seen[Math.floor(rng() * seen.length)];
      await call<T>(path, body);
      fired.reordered++;
      return call<T>(path, earlier);
    }
    return call<T>(path, body);
  }
  return {
    push: (request) => withFaults('/api/sync/push', request),
    pull: (request) => withFaults('/api/sync/pull', request),
    bootstrap: (request) => withFaults('/api/sync/bootstrap', request),
  };
}

type Op =
  | { kind: 'categorize'; who: 0 | 1; media: number; category: number | null }
  | { kind: 'rename'; who: 0 | 1; series: number; name: string }
  | { kind: 'move'; who: 0 | 1; media: number; series: number }
  | { kind: 'note'; who: 0 | 1; series: number; text: string }
  | { kind: 'sync'; who: 0 | 1 }
  | { kind: 'crash'; who: 0 | 1 }
  | { kind: 'restart' };

const who = fc.constantFrom<0 | 1>(0, 1);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('categorize' as const),
    who,
    media: fc.nat(MEDIA - 1),
    category: fc.option(fc.nat(4), { nil: null }),
  }),
  fc.record({
    kind: fc.constant('rename' as const),
    who,
    series: fc.nat(2),
    name: fc.constantFrom('Pier', 'Dock', 'Quay'),
  }),
  fc.record({ kind: fc.constant('move' as const), who, media: fc.nat(MEDIA - 1), series: fc.nat(2) }),
  fc.record({
    kind: fc.constant('note' as const),
    who,
    series: fc.nat(2),
    text: fc.constantFrom('bag', 'logo', 'sign'),
  }),
  fc.record({ kind: fc.constant('sync' as const), who }),
  fc.record({ kind: fc.constant('sync' as const), who }),
  fc.record({ kind: fc.constant('crash' as const), who }),
  fc.record({ kind: fc.constant('crash' as const), who }),
  fc.record({ kind: fc.constant('restart' as const) }),
);

/**
 * A run that meets every kind of fault, whatever the random runs happen to draw (its seed was found by
 * trying): the random runs explore, this one makes the last test below hold on every run of the suite.
 */
const COVERING_RUN: [Op[], number] = [
  [
    { kind: 'categorize', who: 0, media: 0, category: 1 },
    { kind: 'sync', who: 0 },
    { kind: 'sync', who: 1 },
    { kind: 'note', who: 0, series: 0, text: 'bag' },
    { kind: 'sync', who: 0 },
    { kind: 'crash', who: 1 },
    { kind: 'restart' },
    { kind: 'rename', who: 1, series: 1, name: 'Pier' },
    { kind: 'sync', who: 1 },
    { kind: 'move', who: 0, media: 2, series: 1 },
    { kind: 'sync', who: 0 },
    { kind: 'crash', who: 1 },
    { kind: 'categorize', who: 1, media: 3, category: 2 },
    { kind: 'sync', who: 1 },
    { kind: 'note', who: 1, series: 2, text: 'logo' },
    { kind: 'sync', who: 1 },
    { kind: 'sync', who: 0 },
    { kind: 'crash', who: 0 },
    { kind: 'sync', who: 1 },
    { kind: 'sync', who: 0 },
  ],
  4,
];

let testDb: TestDatabase;
const server: Server = { app: undefined as unknown as TestApp };
let alice = '';
let bob = '';
let run = 0;

beforeAll(async () => {
  testDb = await createTestDatabase('sqlite');
  server.app = await createTestApp('sqlite', { testDb });
  await server.app.addUser('alice');
  await server.app.addUser('bob');
  alice = await server.app.login('alice');
  bob = await server.app.login('bob');
});
afterAll(async () => {
  await server.app.close();
  await testDb.dispose();
});

async function restartServer(): Promise<void> {
  fired.restart++;
  await server.app.close();
  server.app = await createTestApp('sqlite', { testDb });
}

async function snapshot(db: WaymarkDatabase, caseId: string) {
  const out: Record<string, unknown[]> = {};
  for (const entity of COMPARED) {
    const rows = (await db.table(entity).toArray()) as Record<string, unknown>[];
    out[entity] = rows
      .filter((r) => (entity === 'cases' ? r.id : r.caseId) === caseId)
      .map((r) => pickSynced(entity, r))
      .sort((x, y) => String(x.id).localeCompare(String(y.id)));
  }
  return out;
}

async function seriesSizesMatchMembers(db: WaymarkDatabase, caseId: string) {
  const series = await db.series.where('caseId').equals(caseId).toArray();
  for (const s of series) {
    const members = await db.media.where('[caseId+seriesId]').equals([caseId, s.id]).count();
    expect(s.size, `size of ${s.id}`).toBe(members);
  }
}

describe('sync under faults (real server on SQLite, real engines on IndexedDB)', () => {
  it('converges with nothing lost or applied twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 8, maxLength: 28 }), fc.integer(), async (ops, seed) => {
        run++;
        const rng = random(seed);
        let faulty = true;
        const dbs = [new WaymarkDatabase(`conv-a-${run}`), new WaymarkDatabase(`conv-b-${run}`)] as const;
        const cookies = [alice, bob];
        let crashNext: [boolean, boolean] = [false, false];
        const engine = (i: 0 | 1) =>
          new SyncEngine(dbs[i], {
            transport: faultyTransport(server, cookies[i]!, rng, () => faulty),
            pokes: false,
            locks: false,
            onStatus: () => undefined,
            pushBatch: 3,
            pullLimit: 4,
            bootstrapLimit: 3,
            faults: {
              afterApply: () => {
                if (!crashNext[i]) return;
                crashNext[i] = false;
                fired.crash++;
                throw new TransportFailure('browser killed after applying, before storing the cursor');
              },
            },
          });
        const syncOnce = async (i: 0 | 1) => {
          try {
            await engine(i).syncOnce();
          } catch (error) {
            if (!(error instanceof TransportFailure)) throw error;
          }
        };

        // Alice's case: six images in three series, shared; Bob is added as an analyst.
        const made = await createCase(dbs[0], `Convergence ${run}`);
        if (!made.ok) throw new Error('case not created');
        const caseId = made.record.id;
        await dbs[0].series.bulkAdd(
          SERIES.map((id, n) => seriesRecord(caseId, `${id}-${run}`, { number: n + 1, size: 2 })),
        );
        await dbs[0].media.bulkAdd(
          Array.from({ length: MEDIA }, (_, m) =>
            mediaRecord(caseId, `m${m}-${run}`, { seriesId: `${SERIES[m % 3]}-${run}` as SeriesId, seq: m }),
          ),
        );
        await shareCase(dbs[0], caseId, () => undefined, {
          createRemoteCase: async (id, name) => {
            const r = await server.app.call('POST', '/api/cases', { cookie: alice, body: { id, name } });
            if (r.statusCode !== 201) throw new Error(`create case: ${r.statusCode} ${r.body}`);
          },
        });
        // Bob is invited and accepts in his session, as in the app (members by invitation).
        await addMember(server.app, alice, caseId, 'bob', 'analyst', bob);

        const notes = new Set<string>();
        const mediaId = (m: number) => `m${m}-${run}` as MediaId;
        const seriesId = (s: number) => `${SERIES[s]}-${run}` as SeriesId;
        for (const op of ops) {
          if (op.kind === 'restart') await restartServer();
          else if (op.kind === 'sync') await syncOnce(op.who);
          else if (op.kind === 'crash') {
            // The browser dies in the middle of this sync: after a pulled page is applied, before its cursor.
            crashNext[op.who] = true;
            await syncOnce(op.who);
          } else {
            const db = dbs[op.who];
            // Bob edits only what his browser has received.
            const present = await db.cases.get(caseId);
            if (!present) continue;
            if (op.kind === 'categorize') {
              if (await db.media.get(mediaId(op.media)))
                await setCategories(db, [{ id: mediaId(op.media), category: op.category }]);
            } else if (op.kind === 'rename') {
              if (await db.series.get(seriesId(op.series)))
                await renameSeries(db, seriesId(op.series), op.name);
            } else if (op.kind === 'move') {
              if ((await db.media.get(mediaId(op.media))) && (await db.series.get(seriesId(op.series))))
                await moveToSeries(db, caseId, [mediaId(op.media)], seriesId(op.series));
            } else {
              const result = await saveNote(
                db,
                { caseId, seriesId: seriesId(op.series) },
                op.text,
                `who-${op.who}`,
              );
              if (result.ok) notes.add(result.revision.id);
            }
          }
        }

        // The network heals: sync until both outboxes are empty and a last round brings nothing new.
        faulty = false;
        crashNext = [false, false];
        for (let round = 0; round < 12; round++) {
          await syncOnce(0);
          await syncOnce(1);
          const pending = (await dbs[0].outbox.count()) + (await dbs[1].outbox.count());
          if (pending === 0 && round >= 2) break;
        }
        await syncOnce(0);
        await syncOnce(1);
        expect(await dbs[0].outbox.count()).toBe(0);
        expect(await dbs[1].outbox.count()).toBe(0);

        // A third browser, bootstrapped fresh from the server, agrees with both analysts.
        const fresh = new WaymarkDatabase(`conv-fresh-${run}`);
        await new SyncEngine(fresh, {
          transport: faultyTransport(server, alice, rng, () => false),
          pokes: false,
          locks: false,
          onStatus: () => undefined,
        }).syncOnce();

        const [a, b, c] = await Promise.all([
          snapshot(dbs[0], caseId),
          snapshot(dbs[1], caseId),
          snapshot(fresh, caseId),
        ]);
        expect(b).toEqual(a);
        expect(c).toEqual(a);
        expect(a.media).toHaveLength(MEDIA);
        // Every note revision written is there exactly once (ids are unique keys; count proves none lost).
        expect(new Set(a.noteRevisions!.map((n) => (n as { id: string }).id))).toEqual(notes);
        for (const db of [...dbs, fresh]) await seriesSizesMatchMembers(db, caseId);
        for (const db of [...dbs, fresh]) await db.delete();
      }),
      { numRuns: 10, examples: [COVERING_RUN] },
    );
  }, 300_000);

  it('met every kind of fault on the way', () => {
    for (const [fault, count] of Object.entries(fired)) expect(count, fault).toBeGreaterThan(0);
  });
});
