import type { FastifyRequest } from 'fastify';

import { BACKGROUND_HEADER } from '../../contract/account.contract';

/** Routes that are never the analyst's own action: the live event stream reconnects by itself. */
const BACKGROUND_PATHS = new Set(['/api/sync/events']);

/**
 * Whether a request is the analyst's own action, which restarts the session's idle timeout. Requests
 * the app makes by itself (the sync pull every 30 s, the event stream) say so with BACKGROUND_HEADER
 * or are background by route. The header only ever shortens a session: omitting it gains nothing a
 * real action would not.
 */
export function countsAsActivity(request: FastifyRequest): boolean {
  if (request.headers[BACKGROUND_HEADER] === '1') return false;
  return !BACKGROUND_PATHS.has(request.url.split('?')[0] ?? '');
}
