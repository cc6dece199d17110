import type { FastifyInstance, FastifyRequest } from 'fastify';

import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../contract/api-error.contract';
import { sendError } from './api-error';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery defence, three layers for every mutating request:
 * 1. `X-Waymark-Request: 1`: a custom header, which a cross-site form or image can never send and a
 *    cross-site fetch can only send after a CORS preflight that this server never approves;
 * 2. a JSON body (Content-Type application/json), which a plain HTML form cannot produce;
 * 3. Origin (when sent) must be this server's own origin or a configured one, and Sec-Fetch-Site
 *    (when sent) must not be cross-site or same-site.
 * Requests without Origin (curl, the CLI, tests) pass layer 3; layers 1 and 2 still apply.
 */
export function registerCsrfGuard(
  app: FastifyInstance,
  options: { https: boolean; allowedOrigins: readonly string[] },
): void {
  const allowed = new Set(options.allowedOrigins.map((o) => o.replace(/\/$/, '')));
  const ownOrigin = (request: FastifyRequest) =>
    `${options.https ? 'https' : 'http'}://${request.headers.host ?? ''}`;

  app.addHook('onRequest', async (request, reply) => {
    if (SAFE.has(request.method)) return;
    if (request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE)
      return sendError(
        reply,
        'csrf',
        `Refused: a change must come from the Waymark app (header X-Waymark-Request: ${CSRF_HEADER_VALUE} missing).`,
      );
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      return sendError(
        reply,
        'csrf',
        'Refused: a change must send a JSON body (Content-Type: application/json).',
      );
    const site = request.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site')
      return sendError(reply, 'csrf', 'Refused: the request came from another site.');
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== ownOrigin(request) && !allowed.has(origin))
      return sendError(reply, 'csrf', `Refused: requests from ${origin} are not allowed.`);
  });
}
