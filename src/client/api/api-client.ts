import { BACKGROUND_HEADER } from '../../contract/account.contract';
import { ApiErrorBody, CSRF_HEADER, CSRF_HEADER_VALUE } from '../../contract/api-error.contract';
import {
  buildPath,
  type Endpoint,
  type EndpointInput,
  type EndpointResponse,
} from '../../contract/endpoints.contract';

/** The server answered with an error status; `code` is the contract's machine code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    /** The contract's closed-set reason, when the route gives one (ApiErrorBody.reason). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** No answer at all (no server: the app runs local-only; or the network is down). */
export class ServerUnreachableError extends Error {
  constructor(cause: unknown) {
    super('The team server cannot be reached.', { cause });
    this.name = 'ServerUnreachableError';
  }
}

export interface CallOptions {
  /**
   * The app calls on its own (a periodic sync pull), not because the analyst acted: the server
   * then does not restart the session's idle timeout.
   */
  readonly background?: boolean;
}

/**
 * Calls one contract endpoint: same-origin credentials (the HttpOnly session cookie), JSON in and
 * out, the CSRF header on every change, and the answer parsed by the endpoint's response schema.
 */
export async function callApi<E extends Endpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  signal?: AbortSignal,
  options: CallOptions = {},
): Promise<EndpointResponse<E>> {
  const mutating = endpoint.method !== 'GET';
  const { params, body } = input as { params?: Record<string, string>; body?: unknown };
  let response: Response;
  try {
    response = await fetch(buildPath(endpoint.path, params), {
      method: endpoint.method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(mutating ? { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_HEADER_VALUE } : {}),
        ...(options.background ? { [BACKGROUND_HEADER]: '1' } : {}),
      },
      body: mutating ? JSON.stringify(body ?? {}) : undefined,
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ServerUnreachableError(cause);
  }
  const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
  const payload: unknown = isJson ? await response.json() : undefined;
  if (!response.ok) {
    const parsed = ApiErrorBody.safeParse(payload);
    // A static host without the server answers /api/* with HTML or a bare 404: treat as no server.
    if (!parsed.success && (response.status === 404 || response.status >= 500 || !isJson))
      throw new ServerUnreachableError(new Error(`HTTP ${response.status}`));
    throw new ApiError(
      response.status,
      parsed.success ? parsed.data.error : 'unknown',
      parsed.success ? parsed.data.message : `HTTP ${response.status}`,
      parsed.success ? parsed.data.retryAfterSeconds : undefined,
      parsed.success ? parsed.data.reason : undefined,
    );
  }
  return endpoint.response.parse(payload) as EndpointResponse<E>;
}
