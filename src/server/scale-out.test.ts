// Several real server processes (`node src/server/main.ts`) on one fresh PostgreSQL database, as a
// deployment behind a load balancer runs them: a push through one process pokes a stream held by
// another, matching media pushed through different processes tell both cases, and killing the
// deconfliction leader in the middle of its work loses nothing (another process takes over). Run
// with each deconfliction index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import { CaseView } from '../contract/cases.contract';
import { syncedMedia, fakeDigest } from '../contract/records/testing/synced-fixtures';
import { SYNC_PROTOCOL_VERSION, type Change, type PullResponse } from '../contract/sync.contract';
import { createUnitOfWork } from './repositories/unit-of-work';
import { UsersService } from './services/users.service';
import { openEventStreamAt } from './testing/event-stream';
import { createTestDatabase, type TestDatabase } from './testing/test-database';
import { apiAt, leaderPid, loginAt, startServerProcess, type ServerProcess } from './testing/server-process';

const PASSWORD = 'correct horse battery staple';
const until = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** A browser's sync client against one process (each push numbered as the outbox does). */
class Client {
  readonly clientId = ulid();
  private seq = 1;
  cursor = 0;
  constructor(
    public base: string,
    readonly cookie: string,
  ) {}

  async pushMedia(caseId: string, over: { md5: string }[]): Promise<{ latestSeq: number }> {
    const mutations = over.map((o) => {
      const id = ulid();
      return {
        mutationId: ulid(),
        seq: this.seq++,
        caseId,
        entity: 'media',
        id,
        op: 'put',
        fields: { ...syncedMedia(caseId, id), md5: o.md5 },
      };
    });
    const body = { protocol: SYNC_PROTOCOL_VERSION, clientId: this.clientId, mutations };
    const response = await apiAt(this.base, 'POST', '/api/sync/push', { cookie: this.cookie, body });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as { latestSeq: number };
  }

  async pull(): Promise<Change[]> {
    const out: Change[] = [];
    for (;;) {
      const body = { protocol: SYNC_PROTOCOL_VERSION, clientId: this.clientId, cursor: this.cursor };
      const response = await apiAt(this.base, 'POST', '/api/sync/pull', { cookie: this.cookie, body });
      expect(response.status).toBe(200);
      const page = (await response.json()) as PullResponse;
      out.push(...page.changes);
      this.cursor = page.nextCursor;
      if (!page.hasMore) return out;
    }
  }
}

/** The latest state of each notice a client has pulled so far. */
function noticesOf(changes: readonly Change[], into: Map<string, Record<string, unknown> | null>) {
  for (const c of changes)
    if (c.entity === 'notices' && c.id) into.set(c.id, c.kind === 'put' ? (c.data ?? null) : null);
  return into;
}

// Both deconfliction indexes: the leader's in memory (the default), and the one in PostgreSQL, whose
// lookups read posting lists through COPY on the processes' own pools.
describe.each(['memory', 'postgres'] as const)(
  'several server processes on one PostgreSQL database (%s index)',
  (index) => {
    let testDb: TestDatabase;
    const processes: ServerProcess[] = [];

    beforeAll(async () => {
      testDb = await createTestDatabase('postgres');
      const users = new UsersService(createUnitOfWork(testDb.database));
      for (const username of ['olga', 'anton']) {
        const made = await users.create({ username, password: PASSWORD }, { id: null, name: 'test' });
        if (!made.ok) throw new Error(made.message);
      }
    });
    afterAll(async () => {
      for (const p of processes) await p.kill();
      await testDb.dispose();
    });

    it('pokes across processes, tells both cases of matches pushed through either, and survives a killed leader', async () => {
      // A short wait for deconfliction: a push answers before its lookups, so the leader can be killed
      // while it works on them.
      const env = {
        ...testDb.env,
        WAYMARK_LEADER_CHECK_MS: '200',
        WAYMARK_DECONFLICTION_WAIT_MS: '50',
        WAYMARK_DECONFLICTION_INDEX: index,
      };
      const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
      processes.push(a, b);
      const [A, B] = [a, b];
      const leader = await until('a leader', () =>
        leaderPid(testDb.env.DATABASE_URL!).then((p) => p ?? undefined),
      );
      expect([A.pid, B.pid]).toContain(leader);

      const olgaA = await loginAt(A.base, 'olga', PASSWORD);
      const olgaB = await loginAt(B.base, 'olga', PASSWORD);
      const antonA = await loginAt(A.base, 'anton', PASSWORD);
      const antonB = await loginAt(B.base, 'anton', PASSWORD);
      const newCase = async (base: string, cookie: string, name: string) => {
        const response = await apiAt(base, 'POST', '/api/cases', { cookie, body: { name } });
        return CaseView.parse(await response.json()).id;
      };
      const caseA = await newCase(A.base, olgaA, 'Op Alpha');
      const caseB = await newCase(B.base, antonB, 'Op Bravo');

      // A stream held by process B is poked by a push through process A.
      const stream = await openEventStreamAt(B.base, olgaB);
      expect(stream.status).toBe(200);
      await until('the first poke', () => Promise.resolve(stream.arrivals.length > 0 ? true : undefined));
      const olga = new Client(A.base, olgaA);
      const pushed = await olga.pushMedia(caseA, [{ md5: fakeDigest('shared-1', 32) }]);
      await until('the cross-process poke', () =>
        Promise.resolve(stream.arrivals.some((p) => p.latestSeq >= pushed.latestSeq) ? true : undefined),
      );
      stream.destroy();

      // Matching media pushed through different processes: both cases are told.
      const anton = new Client(B.base, antonB);
      await anton.pushMedia(caseB, [{ md5: fakeDigest('shared-1', 32) }]);
      const olgaNotices = new Map<string, Record<string, unknown> | null>();
      const antonNotices = new Map<string, Record<string, unknown> | null>();
      const noticeA = `dcf:${caseA}::${caseB}`;
      const noticeB = `dcf:${caseB}::${caseA}`;
      const count = (notices: Map<string, Record<string, unknown> | null>, id: string) =>
        (notices.get(id)?.matchedImages as number | undefined) ?? 0;
      await until('notices in both cases', async () => {
        noticesOf(await olga.pull(), olgaNotices);
        noticesOf(await anton.pull(), antonNotices);
        return count(olgaNotices, noticeA) === 1 && count(antonNotices, noticeB) === 1 ? true : undefined;
      });
      // Neither owner chose to show the case's name (notice disclosure): the other unit's contact only.
      expect(olgaNotices.get(noticeA)).toMatchObject({ direction: 'told', otherCaseName: '' });
      expect(antonNotices.get(noticeB)).toMatchObject({ direction: 'found', otherCaseName: '' });

      // The leader is killed while it works through a push's matches; the other process takes over.
      const planted = Array.from({ length: 60 }, (_, i) => ({ md5: fakeDigest(`planted-${i}`, 32) }));
      await olga.pushMedia(caseA, planted);
      const [dying, survivor] = leader === A.pid ? [A, B] : [B, A];
      const antonThere = new Client(survivor.base, survivor === A ? antonA : antonB);
      antonThere.cursor = anton.cursor;
      const half = planted.length / 2;
      await antonThere.pushMedia(caseB, planted.slice(0, half));
      await dying.kill();
      await antonThere.pushMedia(caseB, planted.slice(half));
      await until('the survivor to lead', () =>
        leaderPid(testDb.env.DATABASE_URL!).then((p) => (p === survivor.pid ? true : undefined)),
      );
      const olgaThere = new Client(survivor.base, survivor === A ? olgaA : olgaB);
      olgaThere.cursor = olga.cursor;
      await until('every planted match in both cases', async () => {
        noticesOf(await olgaThere.pull(), olgaNotices);
        noticesOf(await antonThere.pull(), antonNotices);
        return count(olgaNotices, noticeA) === 61 && count(antonNotices, noticeB) === 61 ? true : undefined;
      });
      // Every match row was written once per side and kind (the table's key), for every planted pair.
      const matches = await testDb.database.db
        .selectFrom('sync_matches')
        .select(['case_id', 'kind'])
        .where('kind', '=', 'md5')
        .execute();
      expect(matches.filter((m) => m.case_id === caseA)).toHaveLength(61);
      expect(matches.filter((m) => m.case_id === caseB)).toHaveLength(61);
    }, 240_000);
  },
);
