// Fault injection (issue 16): deconfliction consumers killed between the commit, the lookup and the
// notice write, several of them racing as leaders, and messages lost; whatever happens, every planted
// match ends with its notice on both sides, each written exactly once (one put in the change log).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import { CaseView } from '../../../contract/cases.contract';
import { fakeDigest, syncedMedia } from '../../../contract/records/testing/synced-fixtures';
import { createUnitOfWork, type UnitOfWork } from '../../repositories/unit-of-work';
import { LocalBus, type ClusterBus, type ClusterMessage } from '../cluster/bus';
import { ManualLeadership } from '../cluster/leadership';
import { TestSyncClient } from '../../testing/sync-client';
import { createTestApp, type TestApp } from '../../testing/test-app';
import type { DatabaseKind } from '../../../contract/health.contract';
import { DeconflictionConsumer } from './deconfliction-consumer';
import { DeconflictionService, type FollowStep } from './deconfliction.service';
import type { MatchIndexKind } from './match-index';
import { matchIndexFor } from './match-index-for';

const AT = '2026-01-01T00:00:00.000Z';

/** A bus that loses every message: consumers and waiters must not depend on them. */
class DeafBus implements ClusterBus {
  publish(_message: ClusterMessage): void {}
  subscribe(): () => void {
    return () => undefined;
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

class Killed extends Error {}

/** One server process's deconfliction: its own index, killed at `dieAt` (then replaced by a new one). */
class Process {
  dieAt: FollowStep | null = null;
  dead = false;
  private prepared = false;
  readonly consumer: DeconflictionConsumer;

  constructor(uow: UnitOfWork, t: TestApp, indexKind: MatchIndexKind) {
    const service = new DeconflictionService(
      uow,
      matchIndexFor(indexKind, t.testDb.database, uow),
      () => new Date(),
      () => undefined,
      4,
      (step) => {
        if (this.dieAt === step) {
          this.dead = true;
          throw new Killed(step);
        }
      },
    );
    this.consumer = new DeconflictionConsumer(uow, service, new DeafBus());
    this.service = service;
  }

  private readonly service: DeconflictionService;

  /** One step as the leader would take it; a kill ends the process (its memory is lost). */
  async step(): Promise<void> {
    if (this.dead) return;
    try {
      if (!this.prepared) {
        await this.service.index.prepare();
        this.prepared = true;
      }
      await this.consumer.step();
    } catch (error) {
      if (!(error instanceof Killed)) throw error;
    }
  }
}

type Action =
  | { kind: 'push'; pair: number; side: 0 | 1 }
  | { kind: 'step'; process: number; dieAt: FollowStep | null }
  | { kind: 'race'; processes: [number, number] };

const dieAt = fc.constantFrom<FollowStep | null>(null, null, 'indexed', 'looked-up', 'matched', 'noticed');

const VARIANTS: readonly (readonly [DatabaseKind, MatchIndexKind])[] = [
  ['sqlite', 'memory'],
  ['postgres', 'memory'],
  ['postgres', 'postgres'],
];

describe.each(VARIANTS)('deconfliction under faults on %s, %s index', (kind, indexKind) => {
  let t: TestApp;
  let uow: UnitOfWork;
  let olga: string;
  let anton: string;

  beforeAll(async () => {
    // The app's own consumer never leads, and pushes do not wait: the test's processes do the work.
    t = await createTestApp(kind, {
      cluster: { bus: new LocalBus(), leadership: new ManualLeadership(), close: () => Promise.resolve() },
      scale: { deconflictionWaitMs: 0 },
    });
    uow = createUnitOfWork(t.testDb.database);
    await t.addUser('olga');
    await t.addUser('anton');
    olga = await t.login('olga');
    anton = await t.login('anton');
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes every planted match’s notices on both sides exactly once', async () => {
    const scenario = fc.integer({ min: 1, max: 4 }).chain((pairs) =>
      fc.record({
        pairs: fc.constant(pairs),
        order: fc.shuffledSubarray(
          Array.from({ length: pairs * 2 }, (_, i) => ({ pair: i >> 1, side: (i & 1) as 0 | 1 })),
          { minLength: pairs * 2, maxLength: pairs * 2 },
        ),
        steps: fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('step' as const), process: fc.nat(2), dieAt }),
            fc.record({
              kind: fc.constant('race' as const),
              processes: fc.tuple(fc.nat(2), fc.nat(2)),
            }),
          ),
          { maxLength: 12 },
        ),
        seed: fc.nat(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ pairs, order, steps, seed }) => {
        const newCase = async (cookie: string, name: string) =>
          CaseView.parse((await t.call('POST', '/api/cases', { cookie, body: { name } })).json()).id;
        const cases = [await newCase(olga, 'Op One'), await newCase(anton, 'Op Two')] as const;
        const clients = [new TestSyncClient(t, olga), new TestSyncClient(t, anton)] as const;
        const series = Array.from({ length: pairs }, () => [ulid(), ulid()] as const);
        const md5s = Array.from({ length: pairs }, (_, i) =>
          fakeDigest(`planted-${seed}-${i}-${ulid()}`, 32),
        );

        // Pushes interleaved with consumer steps (some killed mid-batch, some racing each other).
        const actions: Action[] = [];
        const pushes = order.map((o) => ({ kind: 'push' as const, ...o }));
        for (let i = 0; i < Math.max(pushes.length, steps.length); i++) {
          if (pushes[i]) actions.push(pushes[i]!);
          if (steps[i]) actions.push(steps[i]!);
        }
        const processes: Process[] = [];
        const processAt = (n: number) => {
          if (!processes[n] || processes[n].dead) processes[n] = new Process(uow, t, indexKind);
          return processes[n];
        };
        for (const action of actions) {
          if (action.kind === 'push') {
            const caseId = cases[action.side];
            const seriesId = series[action.pair]![action.side];
            const id = ulid();
            await clients[action.side].push(
              {
                caseId,
                entity: 'series',
                id: seriesId,
                op: 'put',
                fields: { id: seriesId, caseId, number: 1, name: '', createdAt: AT, updatedAt: AT },
              },
              {
                caseId,
                entity: 'media',
                id,
                op: 'put',
                fields: { ...syncedMedia(caseId, id), md5: md5s[action.pair]!, seriesId },
              },
            );
          } else if (action.kind === 'step') {
            const p = processAt(action.process);
            p.dieAt = action.dieAt;
            await p.step();
          } else {
            const [x, y] = action.processes.map(processAt);
            x!.dieAt = null;
            y!.dieAt = null;
            await Promise.all([x!.step(), y!.step()]);
          }
        }
        // A survivor (a new process, as after a failover) follows the rest; it hears no message.
        const survivor = new Process(uow, t, indexKind);
        for (let i = 0; i < 100; i++) {
          await survivor.step();
          if ((await uow.read.syncChanges.deconflictionCursor()) === (await uow.read.syncChanges.counter()))
            break;
        }
        expect(await uow.read.syncChanges.deconflictionCursor()).toBe(await uow.read.syncChanges.counter());

        const rows = await t.testDb.database.db
          .selectFrom('sync_changes')
          .select(['entity_id', 'kind'])
          .where('entity', '=', 'notices')
          .where('case_id', 'in', [...cases])
          .where('only_client_id', 'is', null)
          .execute();
        const expected: string[] = [];
        for (let i = 0; i < pairs; i++) {
          const [s0, s1] = series[i]!;
          expected.push(`dcf:${cases[0]}:${s0}:${cases[1]}`, `dcf:${cases[1]}:${s1}:${cases[0]}`);
        }
        // Exactly once: one put per notice, none deleted, and nothing else.
        expect(rows.map((r) => `${r.kind} ${r.entity_id}`).sort()).toEqual(
          expected.map((id) => `put ${id}`).sort(),
        );
        for (const id of expected) {
          const notice = await uow.read.syncEntities.findMany('notices', [id]);
          expect(notice[0]?.data).toMatchObject({ matchedImages: 1, matchKinds: ['md5'] });
        }
      }),
      { numRuns: kind === 'sqlite' ? 25 : 12 },
    );
  }, 300_000);
});
