import type {
  BootstrapRequest,
  BootstrapResponse,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from '../../contract/sync.contract';

/**
 * How the engine reaches the server. Injectable: the app uses HTTP (http-transport.ts); a Node
 * convergence test can drive the engine against the real server through a transport that drops,
 * repeats or reorders answers.
 *
 * Errors: throw CursorExpiredError for 410 (the change log was compacted past the cursor); anything
 * else (ApiError, ServerUnreachableError from api-client) is reported by status and retried later.
 */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
  bootstrap(request: BootstrapRequest): Promise<BootstrapResponse>;
}

/** 410: the server no longer has the changes after this cursor; purge and bootstrap again. */
export class CursorExpiredError extends Error {
  constructor(message = 'The server no longer has the changes since the last sync.') {
    super(message);
    this.name = 'CursorExpiredError';
  }
}
