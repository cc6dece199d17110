import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import { describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';

import { CaseView } from '../contract/cases.contract';
import { SyncPoke } from '../contract/sync.contract';
import { TestSyncClient } from './testing/sync-client';
import { createTestApp } from './testing/test-app';
import { TEST_DATABASE_KINDS } from './testing/test-database';

/** Reads `event: poke` messages from a server-sent event stream as they arrive. */
function pokes(response: IncomingMessage) {
  const seen: SyncPoke[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = /^event: poke\ndata: (.*)$/m.exec(message)?.[1];
      if (data) seen.push(SyncPoke.parse(JSON.parse(data)));
      waiters.splice(0).forEach((w) => w());
    }
  });
  return {
    seen,
    /** Resolves when at least `n` pokes have arrived. */
    async count(n: number): Promise<SyncPoke[]> {
      while (seen.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return seen;
    },
  };
}

describe.each(TEST_DATABASE_KINDS)('sync events on %s', (kind) => {
  it('pokes a member’s open stream after a push, not an outsider’s, and closes with the server', async () => {
    const t = await createTestApp(kind);
    try {
      await t.addUser('olga');
      await t.addUser('nina');
      const olga = await t.login('olga');
      const nina = await t.login('nina');
      const caseId = CaseView.parse(
        (await t.call('POST', '/api/cases', { cookie: olga, body: { name: 'Op Live' } })).json(),
      ).id;
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      const open = (cookie: string) =>
        new Promise<IncomingMessage>((resolve, reject) => {
          request({ host: '127.0.0.1', port, path: '/api/sync/events', headers: { cookie } }, resolve)
            .on('error', reject)
            .end();
        });

      const unauthenticated = await open('');
      expect(unauthenticated.statusCode).toBe(401);
      unauthenticated.resume();

      const stream = await open(olga);
      expect(stream.statusCode).toBe(200);
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
      const mine = pokes(stream);
      const outsider = pokes(await open(nina));
      const [hello] = await mine.count(1);
      await outsider.count(1);

      const pushed = await new TestSyncClient(t, olga).push({
        caseId,
        entity: 'media',
        id: ulid(),
        op: 'put',
        fields: { caseId, md5: 'a'.repeat(32), seriesId: '' },
      });
      const [, poke] = await mine.count(2);
      expect(poke?.latestSeq).toBe(pushed.latestSeq);
      expect(poke!.latestSeq).toBeGreaterThan(hello!.latestSeq);
      // A pull by the outsider shows nothing; the outsider's stream had no poke for it either.
      await new Promise((resolve) => setImmediate(resolve));
      expect(outsider.seen).toHaveLength(1);
      const ended = new Promise((resolve) => stream.on('end', resolve));
      await t.app.close();
      await ended;
    } finally {
      await t.close();
    }
  });
});
