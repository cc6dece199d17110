import { ApiErrorCode } from '../../contract/api-error.contract';
import { ApiError, ServerUnreachableError } from '../api/api-client';
import type { MessageKey } from './catalog';
import type { Translate } from './translate';

/** Every code the API answers with has its words; a new code in the contract is a compile error here. */
const API_ERROR_KEYS = {
  bad_request: 'error.api.bad_request',
  unauthenticated: 'error.api.unauthenticated',
  forbidden: 'error.api.forbidden',
  csrf: 'error.api.csrf',
  not_found: 'error.api.not_found',
  conflict: 'error.api.conflict',
  gone: 'error.api.gone',
  payload_too_large: 'error.api.payload_too_large',
  unsupported_media_type: 'error.api.unsupported_media_type',
  rate_limited: 'error.api.rate_limited',
  upgrade_required: 'error.api.upgrade_required',
  internal: 'error.api.internal',
} as const satisfies Record<ApiErrorCode, MessageKey>;

/**
 * Any error, in the analyst's language: an API error by its contract code (the server's English
 * `message` is never shown), no server, a full browser storage; anything else is a bug or a browser
 * failure, shown as such with its technical text.
 */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof ServerUnreachableError) return t('error.unreachable');
  if (error instanceof ApiError) {
    const code = ApiErrorCode.safeParse(error.code);
    return code.success ? t(API_ERROR_KEYS[code.data]) : t('error.api.other', { code: error.code });
  }
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return t('error.storageFull');
  if (error instanceof Error && error.name === 'QuotaExceededError') return t('error.storageFull');
  return t('error.unexpected', { detail: error instanceof Error ? error.message : String(error) });
}
