import { z } from 'zod';

/**
 * Every error the API answers with: a stable machine code and a sentence an analyst can read.
 * `retryAfterSeconds` accompanies 429 (also sent as the Retry-After header).
 */
export const ApiErrorCode = z.enum([
  'bad_request',
  'unauthenticated',
  'forbidden',
  'csrf',
  'not_found',
  'conflict',
  'gone',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  /** The browser speaks another sync protocol version (426): it must reload to the server's release. */
  'upgrade_required',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiErrorBody = z.object({
  error: z.union([ApiErrorCode, z.string()]),
  /**
   * Why, where the code alone does not tell the UI what to say: a member of a closed set defined with
   * the route's contract (e.g. account.contract's AccountErrorReason). The UI words it; `message` is
   * for logs and command-line users.
   */
  reason: z.string().max(64).optional(),
  message: z.string(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** Machine-readable particulars the UI words (a limit, the protocol version the server speaks). */
  detail: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Header every mutating request must carry (with JSON content): a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-waymark-request';
export const CSRF_HEADER_VALUE = '1';
