import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { TestApp } from './test-app';

export interface OpenStream {
  readonly status: number;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  /** Whether the server has ended it yet. */
  isEnded(): boolean;
  /** Resolves once `n` pokes arrived (the first comes on connect: the server holds the stream open). */
  pokes(n: number): Promise<void>;
  destroy(): void;
}

/** Makes the test app listen on a free port (once) and returns its port. */
export async function listening(t: TestApp): Promise<number> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  return (t.app.server.address() as AddressInfo).port;
}

/** Opens GET /api/sync/events as a browser would (with the session cookie), over real HTTP. */
export async function openEventStream(t: TestApp, cookie: string): Promise<OpenStream> {
  const port = await listening(t);
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/api/sync/events', headers: { cookie } }, resolve)
      .on('error', reject)
      .end();
  });
  let ended = false;
  const endedPromise = new Promise<void>((resolve) => {
    response.on('end', () => {
      ended = true;
      resolve();
    });
    response.on('close', () => {
      ended = true;
      resolve();
    });
  });
  let seen = 0;
  const waiters: (() => void)[] = [];
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      if (buffer.slice(0, end).startsWith('event: poke')) seen++;
      buffer = buffer.slice(end + 2);
    }
    waiters.splice(0).forEach((w) => w());
  });
  return {
    status: response.statusCode ?? 0,
    ended: endedPromise,
    isEnded: () => ended,
    async pokes(n) {
      while (seen < n) {
        if (ended) throw new Error(`the stream ended after ${seen} of ${n} pokes`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          void endedPromise.then(resolve);
        });
      }
    },
    destroy: () => response.destroy(),
  };
}
