import { describe, expect, it } from 'vitest';

import { ApiErrorCode } from '../../contract/api-error.contract';
import { ApiError, ServerUnreachableError } from '../api/api-client';
import { loadCatalog } from './catalog';
import { errorText } from './error-text';
import { createTranslator } from './translate';

const en = createTranslator('en');
const fr = createTranslator('fr', await loadCatalog('fr'));

describe('errorText', () => {
  it('words every API error code in the analyst’s language, never the server’s English sentence', () => {
    for (const code of ApiErrorCode.options) {
      const error = new ApiError(400, code, 'English sentence from the server');
      expect(errorText(en, error)).not.toContain('English sentence');
      expect(errorText(fr, error)).not.toBe(errorText(en, error));
    }
    expect(errorText(fr, new ApiError(403, 'forbidden', 'Forbidden'))).toBe(
      'Votre compte n’est pas autorisé à effectuer cette action.',
    );
  });

  it('names an unknown code, no server, a full storage and anything else', () => {
    expect(errorText(en, new ApiError(409, 'sync_rejected_x', '…'))).toBe(
      'The server refused the request (code sync_rejected_x).',
    );
    expect(errorText(en, new ServerUnreachableError(new Error('x')))).toBe(
      'The team server cannot be reached.',
    );
    expect(errorText(en, new DOMException('full', 'QuotaExceededError'))).toBe(
      "This browser's storage for Waymark is full.",
    );
    expect(errorText(en, new Error('boom'))).toBe('Unexpected error (boom).');
  });
});
