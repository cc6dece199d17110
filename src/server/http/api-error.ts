import type { FastifyReply } from 'fastify';

import type { ApiErrorBody, ApiErrorCode } from '../../contract/api-error.contract';

export const STATUS_OF: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  upgrade_required: 426,
  internal: 500,
};

export function sendError(
  reply: FastifyReply,
  error: ApiErrorCode,
  message: string,
  extra: Omit<ApiErrorBody, 'error' | 'message'> = {},
): FastifyReply {
  const body: ApiErrorBody = { error, message, ...extra };
  return reply.code(STATUS_OF[error]).type('application/json; charset=utf-8').send(body);
}
