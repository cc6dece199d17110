import type { FastifyInstance } from 'fastify';

import { endpoints } from '../../contract/endpoints.contract';
import { SYNC_PROTOCOL_VERSION } from '../../contract/sync.contract';
import { sendError } from '../http/api-error';
import { registerEndpoint, type Authenticate } from '../http/endpoint';
import type { SyncEvents } from '../services/sync/sync-events';
import type { SyncService } from '../services/sync/sync.service';
import { fail } from '../services/service-result';

export interface SyncRouteDeps {
  readonly sync: SyncService;
  readonly events: SyncEvents;
  readonly authenticate: Authenticate;
  /** Counts a push against the user's per-minute budget: seconds to wait, or 0 when allowed. */
  readonly takePush: (userId: string) => Promise<number>;
  readonly pushBodyLimitBytes: number;
}

const SYNC_PATHS = new Set<string>([
  endpoints.syncPush.path,
  endpoints.syncPull.path,
  endpoints.syncBootstrap.path,
]);

/** HTTP adapters for sync: push, pull and bootstrap from the contract table, and the SSE poke stream. */
export function registerSyncRoutes(app: FastifyInstance, deps: SyncRouteDeps): void {
  const { sync, authenticate } = deps;

  // A browser of another release speaks another protocol: 426 before the body is checked against ours,
  // so it learns to reload rather than that its request is malformed.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || !SYNC_PATHS.has(request.routeOptions.url ?? '')) return;
    const body = request.body as { protocol?: unknown } | null;
    if (typeof body === 'object' && body !== null && body.protocol !== SYNC_PROTOCOL_VERSION)
      return sendError(reply, 'upgrade_required', 'This version of Waymark is too old for the team server.', {
        detail: { protocol: SYNC_PROTOCOL_VERSION },
      });
  });

  registerEndpoint(
    app,
    endpoints.syncPush,
    authenticate,
    async ({ principal, body, origin }) => {
      const seconds = await deps.takePush(principal.userId);
      if (seconds > 0)
        return {
          ...fail('rate_limited', `Too many sync requests: the next one is accepted in ${seconds} s.`),
          retryAfterSeconds: seconds,
        };
      return sync.push(principal, body, origin);
    },
    { bodyLimit: deps.pushBodyLimitBytes },
  );

  registerEndpoint(app, endpoints.syncPull, authenticate, ({ principal, body, origin }) =>
    sync.pull(principal, body, origin),
  );

  registerEndpoint(app, endpoints.syncBootstrap, authenticate, ({ principal, body, origin }) =>
    sync.bootstrap(principal, body, origin),
  );

  // Server-sent events: not in the contract table (no JSON response). The session cookie authenticates.
  app.get('/api/sync/events', async (request, reply) => {
    const principal = await authenticate(request);
    if (!principal) return sendError(reply, 'unauthenticated', 'Sign in to continue.');
    // Open streams hold a socket each: bounded per user and in all, so no account can exhaust them.
    const room = deps.events.room(principal.userId);
    if (room !== 'ok') {
      reply.header('Retry-After', '30');
      return sendError(reply, 'rate_limited', 'Too many live sync streams are open.', {
        retryAfterSeconds: 30,
        detail: { limit: room },
      });
    }
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
