import type { FastifyInstance } from 'fastify';

import { endpoints } from '../../contract/endpoints.contract';
import { sendError } from '../http/api-error';
import { registerEndpoint, type Authenticate } from '../http/endpoint';
import type { PushRateLimit } from '../services/sync/push-rate-limit';
import type { SyncEvents } from '../services/sync/sync-events';
import type { SyncService } from '../services/sync/sync.service';
import { fail } from '../services/service-result';

export interface SyncRouteDeps {
  readonly sync: SyncService;
  readonly events: SyncEvents;
  readonly authenticate: Authenticate;
  readonly pushLimit: PushRateLimit;
  readonly pushBodyLimitBytes: number;
}

/** HTTP adapters for sync: push, pull and bootstrap from the contract table, and the SSE poke stream. */
export function registerSyncRoutes(app: FastifyInstance, deps: SyncRouteDeps): void {
  const { sync, authenticate } = deps;

  registerEndpoint(
    app,
    endpoints.syncPush,
    authenticate,
    ({ principal, body, origin }) => {
      const waitMs = deps.pushLimit.take(principal.userId, Date.now());
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        return Promise.resolve({
          ...fail('rate_limited', `Too many sync requests: the next one is accepted in ${seconds} s.`),
          retryAfterSeconds: seconds,
        });
      }
      return sync.push(principal, body, origin);
    },
    { bodyLimit: deps.pushBodyLimitBytes },
  );

  registerEndpoint(app, endpoints.syncPull, authenticate, ({ principal, body }) =>
    sync.pull(principal, body),
  );

  registerEndpoint(app, endpoints.syncBootstrap, authenticate, ({ principal, body }) =>
    sync.bootstrap(principal, body),
  );

  // Server-sent events: not in the contract table (no JSON response). The session cookie authenticates.
  app.get('/api/sync/events', async (request, reply) => {
    const principal = await authenticate(request);
    if (!principal) return sendError(reply, 'unauthenticated', 'Sign in to continue.');
    const latestSeq = await sync.latestSeq();
    reply.hijack();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    reply.raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    deps.events.open({ userId: principal.userId, sessionId: principal.sessionHash }, reply.raw, latestSeq);
  });
}
