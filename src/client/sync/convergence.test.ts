import 'fake-indexeddb/auto';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { MediaId } from '../../domain/case/media';
import type { SyncedEntity } from '../../contract/records/synced-records';
import { createCase } from '../db/cases.repository';
import { WaymarkDatabase } from '../db/database';
import { setCategories } from '../db/media.repository';
import { moveToSeries, renameSeries } from '../db/series.repository';
import { sentFields } from './record-diff';
import { shareCase } from './share-case';
import { SyncEngine } from './sync-engine';
import { FakeSyncServer } from './testing/fake-sync-server';
import { mediaRecord, seriesRecord } from '../db/testing/records';
import type { SyncTransport } from './transport';

/**
 * Two analysts edit one team case while the network misbehaves: push answers lost after the server
 * applied them, pull answers repeated, syncs cut short by a crash between applying and storing the
 * cursor. Once the faults stop and both sync, every record is the server's, on both sides.
 */
type Op =
  | { kind: 'rename'; who: 0 | 1; name: string }
  | { kind: 'category'; who: 0 | 1; media: number; category: number }
  | { kind: 'move'; who: 0 | 1; media: number; series: number }
  | { kind: 'sync'; who: 0 | 1; fault: 'none' | 'lost-push-answer' | 'repeated-pull' | 'crash' };

const who = fc.constantFrom<0 | 1>(0, 1);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), who, name: fc.constantFrom('a', 'b', 'c') }),
  fc.record({ kind: fc.constant('category' as const), who, media: fc.nat(3), category: fc.nat(3) }),
  fc.record({ kind: fc.constant('move' as const), who, media: fc.nat(3), series: fc.nat(1) }),
  fc.record({
    kind: fc.constant('sync' as const),
    who,
    fault: fc.constantFrom(
      'none' as const,
      'lost-push-answer' as const,
      'repeated-pull' as const,
      'crash' as const,
    ),
  }),
);

function faulty(real: SyncTransport, fault: Op & { kind: 'sync' }): SyncTransport {
  let lastPull: Awaited<ReturnType<SyncTransport['pull']>> | undefined;
  return {
    ...real,
    push: async (req) => {
      const answer = await real.push(req);
      if (fault.fault === 'lost-push-answer') throw new Error('answer lost');
      return answer;
    },
    pull: async (req) => {
      if (fault.fault !== 'repeated-pull') return real.pull(req);
      lastPull ??= await real.pull(req);
      return lastPull;
    },
  };
}

async function snapshot(db: WaymarkDatabase): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const entity of ['cases', 'series', 'media'] as SyncedEntity[])
    for (const r of (await db.table(entity).toArray()) as Record<string, unknown>[]) {
      const { createdAt: _c, ...fields } = sentFields(entity, r);
      out[`${entity}:${String(r.id)}`] = fields;
    }
  return out;
}

describe('convergence under faults', () => {
  it('two analysts end with the same state as the server', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const server = new FakeSyncServer();
        const dbs = [
          new WaymarkDatabase(`conv-${Math.random()}`),
          new WaymarkDatabase(`conv-${Math.random()}`),
        ];
        const users = ['alice', 'bob'];
        try {
          const [a, b] = dbs as [WaymarkDatabase, WaymarkDatabase];
          const made = await createCase(a, 'Converge');
          if (!made.ok) throw new Error('no case');
          const caseId = made.record.id;
          await a.series.bulkAdd([seriesRecord(caseId, 'S0'), seriesRecord(caseId, 'S1', { number: 2 })]);
          await a.media.bulkAdd(
            [0, 1, 2, 3].map((i) => mediaRecord(caseId, `m${i}`, { seriesId: 'S0' as never })),
          );
          await shareCase(a, caseId, () => undefined, {
            createRemoteCase: (id) => Promise.resolve(server.createCase(id, 'alice')),
          });
          server.grant(caseId, 'bob');
          const quiet = (i: 0 | 1, transport?: SyncTransport, crash = false) =>
            new SyncEngine(dbs[i] as WaymarkDatabase, {
              transport: transport ?? server.transport(users[i] as string),
              locks: false,
              pokes: false,
              onStatus: () => undefined,
              pullLimit: 3,
              ...(crash
                ? {
                    faults: {
                      afterApply: () => {
                        throw new Error('crash');
                      },
                    },
                  }
                : {}),
            });
          await quiet(0).syncOnce();
          await quiet(1).syncOnce();
          for (const o of ops) {
            const db = dbs[o.who] as WaymarkDatabase;
            if (o.kind === 'rename') await renameSeries(db, 'S0' as never, o.name);
            else if (o.kind === 'category')
              await setCategories(db, [{ id: `m${o.media}` as MediaId, category: o.category }]);
            else if (o.kind === 'move')
              await moveToSeries(db, caseId, [`m${o.media}` as MediaId], `S${o.series}` as never);
            else {
              const real = server.transport(users[o.who] as string);
              await quiet(o.who, faulty(real, o), o.fault === 'crash')
                .syncOnce()
                .catch(() => undefined);
            }
          }
          // Faults over: sync until quiet (a conflict or refusal may send one more round).
          for (let round = 0; round < 3; round++) for (const i of [0, 1] as const) await quiet(i).syncOnce();
          const expected: Record<string, unknown> = {};
          for (const e of server.entities.values())
            if (!e.deleted && ['cases', 'series', 'media'].includes(e.entity)) {
              const { createdAt: _c, ...fields } = e.data as Record<string, unknown>;
              expected[`${e.entity}:${e.id}`] = fields;
            }
          expect(await a.outbox.count()).toBe(0);
          expect(await b.outbox.count()).toBe(0);
          expect(await snapshot(a)).toEqual(expected);
          expect(await snapshot(b)).toEqual(expected);
        } finally {
          for (const db of dbs) await db.delete();
        }
      }),
      { numRuns: 25 },
    );
  });
});
