import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SyncPoke } from '../../contract/sync.contract';
import type { TestApp } from './test-app';

/** A poke as it arrived: its latest seq, and when (performance.now()). */
export interface PokeArrival {
  readonly latestSeq: number;
  readonly at: number;
}

export interface OpenStream {
  readonly status: number;
  /** Every poke so far, in order of arrival. */
  readonly arrivals: readonly PokeArrival[];
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

/** Opens GET /api/sync/events of the test app as a browser would (with the session cookie). */
export async function openEventStream(t: TestApp, cookie: string): Promise<OpenStream> {
  return openEventStreamAt(`http://127.0.0.1:${await listening(t)}`, cookie);
}

/** Opens GET /api/sync/events of the server at `base` (a real process too), over real HTTP. */
export async function openEventStreamAt(base: string, cookie: string): Promise<OpenStream> {
  const url = new URL('/api/sync/events', base);
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    request({ host: url.hostname, port: url.port, path: url.pathname, headers: { cookie } }, resolve)
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
  const arrivals: PokeArrival[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    const at = performance.now();
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!message.startsWith('event: poke')) continue;
      seen++;
      const poke = SyncPoke.safeParse(JSON.parse(/^data: (.*)$/m.exec(message)?.[1] ?? 'null'));
      if (poke.success) arrivals.push({ latestSeq: poke.data.latestSeq, at });
    }
    waiters.splice(0).forEach((w) => w());
  });
  return {
    status: response.statusCode ?? 0,
    arrivals,
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
