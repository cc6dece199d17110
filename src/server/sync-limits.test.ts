// Bounded work per account (docs/SYNC.md "Bounded work per account"), on SQLite and PostgreSQL:
// another protocol version gets 426; a spent lookup or storage budget holds the rest of a push in the
// client's outbox (nothing refused); pushes per minute and live streams per user are limited.
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import { CaseView } from '../contract/cases.contract';
import { syncedMedia } from '../contract/records/testing/synced-fixtures';
import { SYNC_PROTOCOL_VERSION, type PushResponse } from '../contract/sync.contract';
import { TestSyncClient, type NewMutation } from './testing/sync-client';
import { createTestApp, type TestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

const media = (caseId: string): NewMutation => {
  const id = ulid();
  return { caseId, entity: 'media', id, op: 'put', fields: syncedMedia(caseId, id) };
};

describe.each(TEST_DATABASE_KINDS)('sync limits on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  const newCase = async (name: string) =>
    CaseView.parse((await t.call('POST', '/api/cases', { cookie, body: { name } })).json()).id;

  beforeAll(async () => {
    t = await createTestApp(kind, {
      security: {
        syncLookupsPerHour: 5,
        syncStoredBytes: 40_000,
        syncPushesPerMinute: 30,
        syncStreamsPerUser: 2,
      },
    });
    await t.addUser('olga');
    cookie = await t.login('olga');
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers another protocol version with 426 before reading its body', async () => {
    for (const path of ['/api/sync/push', '/api/sync/pull', '/api/sync/bootstrap']) {
      const response = await t.call('POST', path, {
        cookie,
        body: { protocol: SYNC_PROTOCOL_VERSION - 1, clientId: 'x', mutations: 'not even a list' },
      });
      expect(response.statusCode, path).toBe(426);
      expect(response.json()).toMatchObject({
        error: 'upgrade_required',
        detail: { protocol: SYNC_PROTOCOL_VERSION },
      });
    }
  });

  it('holds a push at the lookup budget: what fits is applied, the rest stays with the client', async () => {
    const caseId = await newCase('Op Budget');
    const c = new TestSyncClient(t, cookie);
    const batch = c.number(...Array.from({ length: 8 }, () => media(caseId)));
    const first = await c.send(batch);
    expect(first.statusCode).toBe(200);
    const answer = first.json<PushResponse>();
    // 5 lookups an hour: five new images are taken, the sixth waits (seq 6 is not answered).
    expect(answer.lastSeq).toBe(5);
    expect(answer.held).toMatchObject({ budget: 'lookups' });
    expect(answer.held?.retryAfterSeconds).toBeGreaterThan(0);
    expect(answer.held?.retryAfterSeconds).toBeLessThanOrEqual(3600);
    const puts = (await c.pull()).filter((ch) => ch.kind === 'put' && ch.entity === 'media');
    expect(puts).toHaveLength(5);
    // Sent again, the rest is held again, and nothing is refused: no mutation_rejected ever.
    const again = (await c.send(batch)).json<PushResponse>();
    expect(again).toMatchObject({ lastSeq: 5, held: { budget: 'lookups' } });
    expect((await c.pull()).some((ch) => ch.kind === 'mutation_rejected')).toBe(false);
    // Changes that cost no lookup still go through (from another browser of the same analyst).
    const other = new TestSyncClient(t, cookie);
    const stored = batch[0]!;
    const { caseId: at, entity, id } = stored;
    const rename = await other.push({
      caseId: at,
      entity,
      id,
      op: 'put',
      fields: { firstPath: 'renamed.png' },
    });
    expect(rename).toMatchObject({ lastSeq: 1 });
    expect(rename).not.toHaveProperty('held');
    const renamed = (await other.pull()).filter((ch) => ch.kind === 'put' && ch.id === stored.id).at(-1);
    expect(renamed?.data).toMatchObject({ firstPath: 'renamed.png' });
  });

  it('holds a push at the storage budget, with no time after which it would pass by itself', async () => {
    const big = await createTestApp(kind, { security: { syncStoredBytes: 3_000, syncLookupsPerHour: 1000 } });
    try {
      await big.addUser('vera');
      const vera = await big.login('vera');
      const caseId = CaseView.parse(
        (await big.call('POST', '/api/cases', { cookie: vera, body: { name: 'Op Full' } })).json(),
      ).id;
      const c = new TestSyncClient(big, vera);
      // A media record is ~1.3 KB: two fit in 3,000 bytes, the third does not.
      const answer = (
        await c.send(c.number(media(caseId), media(caseId), media(caseId)))
      ).json<PushResponse>();
      expect(answer.lastSeq).toBe(2);
      expect(answer.held).toEqual({ budget: 'storedBytes', retryAfterSeconds: null });
    } finally {
      await big.close();
    }
  });

  it('limits pushes per minute with 429 and Retry-After', async () => {
    const caseId = await newCase('Op Rate');
    const c = new TestSyncClient(t, cookie);
    let limited: Awaited<ReturnType<TestSyncClient['send']>> | undefined;
    // The budget counts in fixed minutes: 61 pushes (well under a minute) put at least 31 in one of
    // the at most two minutes they span, whatever second the test starts at.
    for (let i = 0; i < 61 && !limited; i++) {
      const response = await c.send(c.number({ ...media(caseId), op: 'delete', fields: undefined }));
      if (response.statusCode === 429) limited = response;
    }
    expect(limited?.statusCode).toBe(429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited?.json()).toMatchObject({ error: 'rate_limited' });
  });

  it('limits the live streams a user may hold open', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    expect(base).toContain(String(port));
    const controllers = [new AbortController(), new AbortController()];
    try {
      const open = await Promise.all(
        controllers.map((ctl) =>
          fetch(`${base}/api/sync/events`, { headers: { cookie }, signal: ctl.signal }),
        ),
      );
      for (const r of open) expect(r.status).toBe(200);
      const third = await fetch(`${base}/api/sync/events`, { headers: { cookie } });
      expect(third.status).toBe(429);
      expect(await third.json()).toMatchObject({ error: 'rate_limited', detail: { limit: 'perUser' } });
    } finally {
      for (const ctl of controllers) ctl.abort();
    }
  });
});
