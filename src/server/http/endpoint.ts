import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

import type { Endpoint } from '../../contract/endpoints.contract';
import type { Principal, RequestOrigin } from '../services/principal';
import type { ServiceResult } from '../services/service-result';
import { sendError } from './api-error';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface EndpointContext<E extends Endpoint> {
  readonly params: Parsed<E['params']>;
  readonly body: Parsed<E['body']>;
  /** Always set when the endpoint requires auth; otherwise the session if one was sent. */
  readonly principal: E['auth'] extends true ? Principal : Principal | null;
  readonly origin: RequestOrigin;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

export type EndpointHandler<E extends Endpoint> = (
  ctx: EndpointContext<E>,
) => Promise<ServiceResult<z.input<E['response']>>>;

export type Authenticate = (request: FastifyRequest) => Promise<Principal | null>;

function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/**
 * Registers one contract endpoint: parses params and body with its zod schemas (400 with the
 * issues), requires a session when `auth` (401), runs the handler, maps a service failure to its
 * status, and passes the answer through the response schema, so nothing outside the contract leaks.
 */
export function registerEndpoint<E extends Endpoint>(
  app: FastifyInstance,
  endpoint: E,
  authenticate: Authenticate,
  handler: EndpointHandler<E>,
  /** Per-route settings: a larger body limit for sync push (the global one suits forms). */
  options: { readonly bodyLimit?: number } = {},
): void {
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    ...(options.bodyLimit !== undefined ? { bodyLimit: options.bodyLimit } : {}),
    handler: async (request, reply) => {
      const principal = await authenticate(request);
      if (endpoint.auth && !principal) return sendError(reply, 'unauthenticated', 'Sign in to continue.');
      let params: unknown;
      if (endpoint.params) {
        const parsed = endpoint.params.safeParse(request.params);
        if (!parsed.success)
          return sendError(reply, 'bad_request', 'The address is not valid.', {
            issues: issuesOf(parsed.error),
          });
        params = parsed.data;
      }
      let body: unknown;
      if (endpoint.body) {
        const parsed = endpoint.body.safeParse(request.body);
        if (!parsed.success)
          return sendError(reply, 'bad_request', 'The request is not valid.', {
            issues: issuesOf(parsed.error),
          });
        body = parsed.data;
      }
      const ctx = {
        params,
        body,
        principal,
        origin: { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        request,
        reply,
      } as EndpointContext<E>;
      const result = await handler(ctx);
      if (!result.ok) {
        const reason = result.reason !== undefined ? { reason: result.reason } : {};
        if (result.retryAfterSeconds !== undefined) {
          reply.header('Retry-After', String(result.retryAfterSeconds));
          return sendError(reply, result.error, result.message, {
            ...reason,
            retryAfterSeconds: result.retryAfterSeconds,
          });
        }
        return sendError(reply, result.error, result.message, reason);
      }
      return reply.code(endpoint.status).send(endpoint.response.parse(result.value));
    },
  });
}
