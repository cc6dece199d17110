import type { ApiErrorCode } from '../../contract/api-error.contract';

/** Services answer expected failures as values; routes turn `error` into the HTTP status. */
export type ServiceFailure = {
  readonly ok: false;
  readonly error: ApiErrorCode;
  readonly message: string;
  /** A closed-set code from the route's contract, for the UI to word (see ApiErrorBody.reason). */
  readonly reason?: string;
  /** With `rate_limited`: seconds until a retry may succeed (also the Retry-After header). */
  readonly retryAfterSeconds?: number;
};
export type ServiceResult<T> = { readonly ok: true; readonly value: T } | ServiceFailure;

export const ok = <T>(value: T): ServiceResult<T> => ({ ok: true, value });
export const fail = (error: ApiErrorCode, message: string, reason?: string): ServiceFailure => ({
  ok: false,
  error,
  message,
  ...(reason !== undefined ? { reason } : {}),
});
