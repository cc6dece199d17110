import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import { CaseView, type CaseRole } from '../contract/cases.contract';
import { fakeDihedral } from '../contract/records/testing/synced-fixtures';
import {
  BootstrapResponse,
  type Change,
  PullResponse,
  SYNC_PROTOCOL_VERSION,
} from '../contract/sync.contract';
import { createUnitOfWork } from './repositories/unit-of-work';
import { SyncService } from './services/sync/sync.service';
import { addMember as inviteAndAccept } from './testing/members';
import { mediaPut, putMutation as put, seriesPut as series } from './testing/mutations';
import { TestSyncClient } from './testing/sync-client';
import { createTestApp, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

const hex = (n: number) => n.toString(16).padStart(2, '0');
let counter = 0;
/** A distinct 32-hex-digit "md5" per call. */
const fakeMd5 = () => (++counter).toString(16).padStart(32, 'a');

/** A complete, valid media record (the server refuses anything else), with distinct hashes unless given. */
function media(caseId: string, id: string, seriesId: string, over: Record<string, unknown> = {}) {
  return mediaPut(caseId, id, seriesId, fakeMd5(), { firstPath: `${id}.jpg`, ...over });
}

/** 8 dihedral hashes as ingest makes them: the given ones first (the image's own PDQ first), then others. */
const eight = (...first: string[]) => [...first, ...fakeDihedral(first[0]!).slice(first.length)];

/** A series record as the browser sends a new one. */

const of = (changes: readonly Change[], kind: Change['kind'], id?: string) =>
  changes.filter((c) => c.kind === kind && (id === undefined || c.id === id));

describe.each(TEST_DATABASE_KINDS)('sync on %s', (kind) => {
  let t: TestApp;
  let olga: string;
  let anton: string;
  let vera: string;
  let nina: string;
  let ninaId: string;

  const newCase = async (cookie: string, name: string) =>
    CaseView.parse((await t.call('POST', '/api/cases', { cookie, body: { name } })).json()).id;
  // Invited by Olga (or `cookie`), accepted in the invitee's own session.
  const addMember = (caseId: string, username: 'anton' | 'vera' | 'nina', role: CaseRole, cookie = olga) =>
    inviteAndAccept(t, cookie, caseId, username, role, { anton, vera, nina }[username]);

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.addUser('olga', { displayName: 'Olga O', organization: 'Unit O', contact: 'olga@o.example' });
    await t.addUser('anton', { organization: 'Unit A', contact: 'anton@a.example' });
    await t.addUser('vera');
    ninaId = await t.addUser('nina');
    olga = await t.login('olga');
    anton = await t.login('anton');
    vera = await t.login('vera');
    nina = await t.login('nina');
  });
  afterAll(async () => {
    await t.close();
  });

  it('applies a repeated push once, and a retry after a lost response applies nothing twice', async () => {
    const caseId = await newCase(olga, 'Op Idem');
    const c = new TestSyncClient(t, olga);
    const batch = c.number(media(caseId, ulid(), ''), media(caseId, ulid(), ''));
    const first = await c.send(batch);
    expect(first.json()).toMatchObject({ lastSeq: 2 });
    const again = await c.send(batch);
    expect(again.json()).toMatchObject({
      lastSeq: 2,
      latestSeq: first.json<{ latestSeq: number }>().latestSeq,
    });

    // The response to this push is "lost": the client sends the same rows again, plus a new one.
    const lost = c.number(media(caseId, ulid(), ''));
    await c.send(lost);
    const retry = await c.send([...lost, ...c.number(media(caseId, ulid(), ''))]);
    expect(retry.json()).toMatchObject({ lastSeq: 4 });
    const puts = of(await c.pull(), 'put').filter((p) => p.entity === 'media');
    expect(puts).toHaveLength(4);
    expect(new Set(puts.map((p) => p.id)).size).toBe(4);
    // The mutation id is the second guard: the same mutation under a new seq is skipped too.
    const replay = await c.send([{ ...batch[0]!, seq: 5 }]);
    expect(replay.json()).toMatchObject({ lastSeq: 5 });
    expect(of(await c.pull(), 'put')).toHaveLength(0);
  });

  it('stops at a gap and answers the last seq it applied', async () => {
    const caseId = await newCase(olga, 'Op Gap');
    const c = new TestSyncClient(t, olga);
    const [m1, m2, m3, m4] = c.number(...[1, 2, 3, 4].map(() => media(caseId, ulid(), '')));
    const response = await c.send([m1!, m2!, m4!]);
    expect(response.json()).toMatchObject({ lastSeq: 2 });
    expect(of(await c.pull(), 'put', m4!.id)).toHaveLength(0);
    expect((await c.send([m3!, m4!])).json()).toMatchObject({ lastSeq: 4 });
    expect(of(await c.pull(), 'put').map((p) => p.id)).toEqual([m3!.id, m4!.id]);
  });

  it('advances past a refused mutation and tells only that client, with the server state', async () => {
    const caseId = await newCase(olga, 'Op Refuse');
    await addMember(caseId, 'anton', 'analyst');
    const c = new TestSyncClient(t, olga);
    const other = new TestSyncClient(t, olga);
    const colleague = new TestSyncClient(t, anton);
    const id = ulid();
    const created = media(caseId, id, '');
    await c.push(created);
    const refused = c.number(put(caseId, 'media', id, { md5: 'b'.repeat(32) }), media(caseId, ulid(), ''));
    expect((await c.send(refused)).json()).toMatchObject({ lastSeq: 3 });
    const mine = await c.pull();
    const [rejected] = of(mine, 'mutation_rejected');
    expect(rejected).toMatchObject({ mutationId: refused[0]!.mutationId, id, entity: 'media' });
    expect(rejected).toMatchObject({ reason: 'immutable_field', field: 'md5' });
    expect(rejected?.data).toMatchObject({ md5: created.fields?.md5 });
    expect(of(mine, 'put', refused[1]!.id)).toHaveLength(1); // the queue went on
    expect(of(await other.pull(), 'mutation_rejected')).toHaveLength(0);
    expect(of(await colleague.pull(), 'mutation_rejected')).toHaveLength(0);
  });

  it('shows a non-member nothing of a case and lets them write nothing into it', async () => {
    const caseId = await newCase(olga, 'Op Closed');
    const owner = new TestSyncClient(t, olga);
    const id = ulid();
    await owner.push(media(caseId, id, ''), put(caseId, 'cases', caseId, { name: 'Op Closed 2' }));
    const outsider = new TestSyncClient(t, nina);
    const seen = await outsider.pull();
    expect(seen.filter((c) => c.caseId === caseId)).toEqual([]);
    const boot = BootstrapResponse.parse((await outsider.bootstrap()).json());
    expect(boot.entities.filter((e) => e.caseId === caseId)).toEqual([]);
    expect((await outsider.bootstrap({ caseId })).statusCode).toBe(404);

    const attempt = outsider.number(
      media(caseId, ulid(), ''),
      put(caseId, 'media', id, { firstPath: 'evil.jpg' }),
    );
    expect((await outsider.send(attempt)).json()).toMatchObject({ lastSeq: 2 });
    const answers = await outsider.pull();
    expect(answers.map((a) => a.kind)).toEqual(['mutation_rejected', 'mutation_rejected']);
    expect(answers.every((a) => a.data === undefined)).toBe(true); // nothing of the case leaks
    const state = of(await owner.pull(), 'put');
    expect(state.map((p) => p.id)).not.toContain(attempt[0]!.id);
    expect(state.filter((p) => p.id === id).map((p) => p.data?.firstPath)).toEqual([`${id}.jpg`]);
    // Another user cannot use someone's client id.
    const thief = await t.call('POST', '/api/sync/pull', {
      cookie: nina,
      body: { protocol: SYNC_PROTOCOL_VERSION, clientId: owner.clientId, cursor: 0 },
    });
    expect(thief.statusCode).toBe(403);
  });

  it('refuses a viewer’s changes', async () => {
    const caseId = await newCase(olga, 'Op View');
    await addMember(caseId, 'vera', 'viewer');
    const viewer = new TestSyncClient(t, vera);
    await viewer.push(media(caseId, ulid(), ''));
    const [rejected] = await viewer.pull().then((cs) => of(cs, 'mutation_rejected'));
    expect(rejected?.reason).toBe('read_only_role');
    expect(
      BootstrapResponse.parse((await viewer.bootstrap({ caseId })).json()).entities.map((e) => e.entity),
    ).toEqual(['cases']);
  });

  it('answers a category write based on a stale version with a conflict, and applies the rest', async () => {
    const caseId = await newCase(olga, 'Op Category');
    await addMember(caseId, 'anton', 'analyst');
    const a = new TestSyncClient(t, olga);
    const b = new TestSyncClient(t, anton);
    const id = ulid();
    await a.push(media(caseId, id, ''));
    const [created] = of(await a.pull(), 'put', id);
    const base = created?.fieldVersions?.category ?? 0;
    await a.push({ ...put(caseId, 'media', id, { category: 1 }), baseVersions: { category: base } });
    await b.push({
      ...put(caseId, 'media', id, { category: 2, firstPath: 'b.jpg' }),
      baseVersions: { category: base },
    });
    const answers = await b.pull();
    const [conflict] = of(answers, 'conflict', id);
    expect(conflict?.conflicts).toEqual([
      { field: 'category', current: 1, currentVersion: base + 1, proposed: 2 },
    ]);
    const last = of(answers, 'put', id).at(-1);
    expect(last?.data).toMatchObject({ category: 1, firstPath: 'b.jpg' });
    expect(of(await a.pull(), 'conflict')).toEqual([]);
  });

  it('merges series membership add-wins and keeps a deleted series that someone else added to', async () => {
    const caseId = await newCase(olga, 'Op Series');
    await addMember(caseId, 'anton', 'analyst');
    const a = new TestSyncClient(t, olga);
    const b = new TestSyncClient(t, anton);
    const [s1, s2, s3, m] = [ulid(), ulid(), ulid(), ulid()];
    await a.push(...[s1, s2, s3].map((s) => series(caseId, s, '', 1)), media(caseId, m, s1));
    // Both saw m in s1; b moves it to s3 first, then a's move to s2 arrives: b's add wins.
    await b.push({ ...put(caseId, 'media', m, { seriesId: s3 }), previous: { seriesId: s1 } });
    await a.push({ ...put(caseId, 'media', m, { seriesId: s2 }), previous: { seriesId: s1 } });
    const answers = await a.pull();
    const [rejected] = of(answers, 'mutation_rejected', m);
    expect(rejected?.data).toMatchObject({ seriesId: s3 });
    // a deletes s3, which it believes empty: kept, because b's image is in it.
    await a.push({ caseId, entity: 'series', id: s3, op: 'delete' });
    const kept = of(await a.pull(), 'mutation_rejected', s3);
    expect(kept[0]?.reason).toBe('series_not_empty');
    // An empty series is deleted; moving an image into its tombstone revives it.
    await a.push({ caseId, entity: 'series', id: s2, op: 'delete' });
    expect(of(await b.pull(), 'delete', s2)).toHaveLength(1);
    await b.push({ ...put(caseId, 'media', m, { seriesId: s2 }), previous: { seriesId: s3 } });
    const revived = of(await b.pull(), 'put', s2);
    expect(revived).toHaveLength(1);
    const boot = BootstrapResponse.parse((await b.bootstrap({ caseId })).json());
    expect(
      boot.entities
        .filter((e) => e.entity === 'series')
        .map((e) => e.id)
        .sort(),
    ).toEqual([s1, s2, s3].sort());
  });

  it('bootstraps in pages with a cursor taken first, then pulls what came after', async () => {
    const caseId = await newCase(olga, 'Op Boot');
    const writer = new TestSyncClient(t, olga);
    const ids = Array.from({ length: 7 }, () => ulid());
    await writer.push(...ids.map((id) => media(caseId, id, '')));
    const reader = new TestSyncClient(t, olga);
    const first = BootstrapResponse.parse((await reader.bootstrap({ caseId, limit: 3 })).json());
    expect(first.entities).toHaveLength(3);
    expect(first.caseIds).toEqual([caseId]);
    const late = ulid();
    await writer.push(media(caseId, late, ''));
    const got = [...first.entities];
    let after = first.nextAfter;
    while (after) {
      const page = BootstrapResponse.parse((await reader.bootstrap({ caseId, limit: 3, after })).json());
      expect(page.cursor).toBe(first.cursor);
      got.push(...page.entities);
      after = page.nextAfter;
    }
    const keys = got.map((e) => `${e.entity}:${e.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(got.filter((e) => e.entity === 'media').map((e) => e.id)).toEqual(expect.arrayContaining(ids));
    expect(got.find((e) => e.entity === 'cases')?.data).toMatchObject({ id: caseId, name: 'Op Boot' });
    reader.cursor = first.cursor;
    expect(of(await reader.pull(), 'put', late)).toHaveLength(1);
    expect((await reader.bootstrap({ after: 'not-a-token' })).statusCode).toBe(400);
  });

  it('grants and revokes a case to a member through their stream', async () => {
    const nc = new TestSyncClient(t, nina);
    await nc.pull();
    const caseId = await newCase(olga, 'Op Grant');
    await addMember(caseId, 'nina', 'analyst');
    const granted = of(await nc.pull(), 'case_granted');
    expect(granted).toEqual([expect.objectContaining({ caseId })]);
    const boot = BootstrapResponse.parse((await nc.bootstrap({ caseId })).json());
    expect(boot.entities.map((e) => e.entity)).toEqual(['cases']);
    const removed = await t.call('DELETE', `/api/cases/${caseId}/members/${ninaId}`, { cookie: olga });
    expect(removed.statusCode).toBe(200);
    await new TestSyncClient(t, olga).push(media(caseId, ulid(), ''));
    const after = await nc.pull();
    expect(after.filter((c) => c.caseId === caseId).map((c) => c.kind)).toEqual(['case_revoked']);
    // The creator is told too (their other devices bootstrap the new case).
    const ownerSees = await new TestSyncClient(t, olga).pull();
    expect(of(ownerSees, 'case_granted').map((c) => c.caseId)).toContain(caseId);
  });

  it('renames the team case when its `cases` record changes', async () => {
    const caseId = await newCase(olga, 'Op Name');
    const c = new TestSyncClient(t, olga);
    // The sharing client's first put carries the whole local record, its own createdAt included.
    const createdAt = '2020-01-02T03:04:05.000Z';
    await c.push(
      put(caseId, 'cases', caseId, { id: caseId, name: 'Op Name', createdAt, updatedAt: createdAt }),
    );
    expect(of(await c.pull(), 'put', caseId).at(-1)?.data).toMatchObject({ createdAt, name: 'Op Name' });
    await c.push(put(caseId, 'cases', caseId, { name: '  Op   Renamed ' }));
    const view = CaseView.parse((await t.call('GET', `/api/cases/${caseId}`, { cookie: olga })).json());
    expect(view.name).toBe('Op Renamed');
    await c.push(put(caseId, 'cases', ulid(), { name: 'x' }));
    expect(of(await c.pull(), 'mutation_rejected')).toHaveLength(1);
  });

  it('tells both cases when synced images match another case (md5, PDQ within 31, rotated)', async () => {
    const caseA = await newCase(olga, 'Op Alpha');
    const caseB = await newCase(anton, 'Op Bravo');
    const a = new TestSyncClient(t, olga);
    const b = new TestSyncClient(t, anton);
    const random = () => Array.from({ length: 32 }, () => hex(Math.floor(Math.random() * 256))).join('');
    const flip = (h: string, bits: number) => {
      const bytes = Buffer.from(h, 'hex');
      for (let i = 0; i < bits; i++) bytes[i >> 3]! ^= 1 << (i & 7);
      return bytes.toString('hex');
    };
    const pdqA = random();
    const pdqRot = random();
    const seriesA = ulid();
    const [m1, m2, m3] = [ulid(), ulid(), ulid()];
    const sharedMd5 = fakeMd5();
    await a.push(
      series(caseA, seriesA, 'Beach', 1),
      media(caseA, m1, seriesA, { md5: sharedMd5 }),
      media(caseA, m2, seriesA, { pdq: pdqA, pdqQuality: 90, pdqDihedral: eight(pdqA) }),
      media(caseA, m3, seriesA, { pdq: pdqRot, pdqQuality: 90, pdqDihedral: eight(pdqRot) }),
    );
    const seriesB = ulid();
    const other = random();
    await b.push(
      series(caseB, seriesB, '', 1),
      media(caseB, ulid(), seriesB, { md5: sharedMd5 }),
      media(caseB, ulid(), seriesB, {
        pdq: flip(pdqA, 31),
        pdqQuality: 80,
        pdqDihedral: eight(flip(pdqA, 31)),
      }),
      // Its rotate90 variant is A's image: B holds a rotated copy.
      media(caseB, ulid(), seriesB, {
        pdq: other,
        pdqQuality: 80,
        pdqDihedral: eight(other, flip(pdqRot, 5)),
      }),
      media(caseB, ulid(), seriesB, {
        pdq: flip(pdqA, 32),
        pdqQuality: 80,
        pdqDihedral: eight(flip(pdqA, 32)),
      }),
      // Near-blank images never match on PDQ.
      media(caseB, ulid(), seriesB, { pdq: pdqA, pdqQuality: 10, pdqDihedral: eight(pdqA) }),
    );
    const found = of(await b.pull(), 'put').filter((c) => c.entity === 'notices');
    expect(found).toHaveLength(1);
    expect(found[0]?.data).toMatchObject({
      id: `dcf:${caseB}:${seriesB}:${caseA}`,
      caseId: caseB,
      seriesId: seriesB,
      otherCaseId: caseA,
      otherCaseName: '', // Op Alpha's owners did not choose to show its name (notice disclosure)
      otherOwner: { displayName: 'Olga O', organization: 'Unit O', contact: 'olga@o.example' },
      matchedImages: 3,
      matchKinds: ['md5', 'pdq'],
      direction: 'found',
      acknowledgedAt: null,
    });
    const told = of(await a.pull(), 'put').filter((c) => c.entity === 'notices');
    expect(told.at(-1)?.data).toMatchObject({
      id: `dcf:${caseA}:${seriesA}:${caseB}`,
      otherCaseName: '',
      otherOwner: { organization: 'Unit A', contact: 'anton@a.example' },
      matchedImages: 3,
      direction: 'told',
    });
    // Nothing else of the other case reached either side.
    const everythingA = BootstrapResponse.parse((await a.bootstrap()).json()).entities;
    expect(everythingA.some((e) => e.caseId === caseB)).toBe(false);
    // Acknowledging is the one thing a member may write on a notice.
    const noticeId = `dcf:${caseA}:${seriesA}:${caseB}`;
    await a.push(
      put(caseA, 'notices', noticeId, { acknowledgedAt: new Date().toISOString(), acknowledgedBy: 'Anyone' }),
    );
    await a.push(put(caseA, 'notices', noticeId, { matchedImages: 0 }));
    const answers = await a.pull();
    expect(of(answers, 'put', noticeId).at(-1)?.data).toMatchObject({
      acknowledgedBy: 'Olga O (olga)', // the account, whatever the browser sent (written-by.ts)
      matchedImages: 3,
    });
    expect(of(answers, 'mutation_rejected', noticeId)).toHaveLength(1);
    // A matching image moved to another series: both series' notices follow it.
    const seriesA2 = ulid();
    await a.push(series(caseA, seriesA2, 'Beach 2', 2), {
      ...put(caseA, 'media', m1, { seriesId: seriesA2 }),
      previous: { seriesId: seriesA },
    });
    const afterMove = of(await a.pull(), 'put').filter((c) => c.entity === 'notices');
    expect(afterMove.find((c) => c.id === noticeId)?.data).toMatchObject({ matchedImages: 2 });
    expect(afterMove.find((c) => c.id === `dcf:${caseA}:${seriesA2}:${caseB}`)?.data).toMatchObject({
      matchedImages: 1,
      matchKinds: ['md5'],
    });
    // The other two follow: the old series has no matching image left, and its notice goes.
    await a.push(
      { ...put(caseA, 'media', m2, { seriesId: seriesA2 }), previous: { seriesId: seriesA } },
      { ...put(caseA, 'media', m3, { seriesId: seriesA2 }), previous: { seriesId: seriesA } },
    );
    const afterAll = await a.pull();
    expect(of(afterAll, 'delete', noticeId)).toHaveLength(1);
    expect(of(afterAll, 'put', `dcf:${caseA}:${seriesA2}:${caseB}`).at(-1)?.data).toMatchObject({
      matchedImages: 3,
    });
    // The index is rebuilt from the database at start: a new app finds the same matches.
    const again = await createTestApp(kind, { testDb: t.testDb });
    try {
      const cookie = await again.login('anton');
      const b2 = new TestSyncClient(again, cookie);
      await b2.push(
        media(caseB, ulid(), seriesB, {
          md5: fakeMd5(),
          pdq: flip(pdqRot, 3),
          pdqQuality: 90,
          pdqDihedral: eight(flip(pdqRot, 3)),
        }),
      );
      const notice = of(await b2.pull(), 'put')
        .filter((c) => c.entity === 'notices')
        .at(-1);
      expect(notice?.data).toMatchObject({ matchedImages: 4, direction: 'found' });
    } finally {
      await again.app.close();
    }
  });

  it('loses no change under concurrent pushes while others pull', async () => {
    const caseId = await newCase(olga, 'Op Crowd');
    await addMember(caseId, 'anton', 'analyst');
    const writers = Array.from({ length: 6 }, (_, i) => new TestSyncClient(t, i % 2 ? anton : olga));
    const reader = new TestSyncClient(t, olga);
    await reader.pull();
    const seen = new Set<string>();
    let done = false;
    const reading = (async () => {
      while (!done)
        for (const c of await reader.pull(7)) if (c.kind === 'put' && c.entity === 'media') seen.add(c.id!);
    })();
    const expected: string[] = [];
    await Promise.all(
      writers.map(async (w) => {
        for (let batch = 0; batch < 6; batch++) {
          const ms = Array.from({ length: 4 }, () => media(caseId, ulid(), ''));
          expected.push(...ms.map((m) => m.id));
          await w.push(...ms);
        }
      }),
    );
    done = true;
    await reading;
    for (const c of await reader.pull()) if (c.kind === 'put' && c.entity === 'media') seen.add(c.id!);
    expect([...seen].sort()).toEqual(expected.sort());
  });

  it('limits push bodies and rates, and writes one audit entry per push and case', async () => {
    const caseId = await newCase(olga, 'Op Audit');
    const c = new TestSyncClient(t, olga);
    await c.push(
      media(caseId, ulid(), ''),
      media(caseId, ulid(), ''),
      put(caseId, 'media', ulid(), { md5: 1 }),
    );
    const entries = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('case_id', '=', caseId)
      .where('action', '=', 'sync.push')
      .execute();
    expect(entries).toHaveLength(1);
    // The third is refused: an md5 must be 32 hex digits (before records were validated, it was stored).
    expect(JSON.parse(entries[0]!.detail)).toMatchObject({ applied: 2, rejected: 1 });
    // A push of 200 KiB is fine (the global limit is 64 KiB).
    const big = c.number(
      ...Array.from({ length: 100 }, () => media(caseId, ulid(), '', { firstPath: 'x'.repeat(2000) })),
    );
    expect((await c.send(big)).statusCode).toBe(200);
  });

  // Last: compaction makes every older cursor of this database answer 410.
  it('answers 410 for a cursor older than the compacted log', async () => {
    const caseId = await newCase(olga, 'Op Compact');
    const c = new TestSyncClient(t, olga);
    await c.push(media(caseId, ulid(), ''));
    const { latestSeq } = await c.push(media(caseId, ulid(), ''));
    const sync = new SyncService(
      createUnitOfWork(t.testDb.database),
      () => new Date(),
      () => Promise.resolve(),
      () => undefined,
      { lookupsPerHour: 1000, storedBytes: 1 << 30 },
    );
    const { minCursor } = await sync.compact(latestSeq);
    expect(minCursor).toBe(latestSeq - 1);
    const stale = await c.pullPage(0);
    expect(stale.statusCode).toBe(410);
    expect(stale.json()).toMatchObject({ error: 'gone' });
    const fresh = PullResponse.parse((await c.pullPage(latestSeq - 1)).json());
    expect(fresh.changes.map((ch) => ch.seq)).toContain(latestSeq);
    expect((await c.pullPage(latestSeq + 1000)).statusCode).toBe(410);
  });
});

describe('sync push rate limit', () => {
  it('answers 429 with Retry-After past the per-user rate', async () => {
    const t = await createTestApp('sqlite', { security: { syncPushesPerMinute: 2 } });
    try {
      await t.addUser('rita');
      const c = new TestSyncClient(t, await t.login('rita'));
      expect((await c.send([])).statusCode).toBe(200);
      expect((await c.send([])).statusCode).toBe(200);
      const third = await c.send([]);
      expect(third.statusCode).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
