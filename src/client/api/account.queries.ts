import { queryOptions } from '@tanstack/react-query';

import type { MeResponse } from '../../contract/account.contract';
import { endpoints } from '../../contract/endpoints.contract';
import { ApiError, callApi, ServerUnreachableError } from './api-client';

/**
 * Who is signed in. Not being signed in, and having no server at all (the app then works
 * local-only), are states, not errors.
 */
export type AccountState =
  | { readonly status: 'signed-in'; readonly me: MeResponse }
  | { readonly status: 'signed-out' }
  | { readonly status: 'no-server' };

export const accountQueries = {
  all: () => ['account'] as const,
  me: () =>
    queryOptions({
      queryKey: [...accountQueries.all(), 'me'] as const,
      queryFn: async ({ signal }): Promise<AccountState> => {
        try {
          return { status: 'signed-in', me: await callApi(endpoints.me, {}, signal) };
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) return { status: 'signed-out' };
          if (error instanceof ServerUnreachableError) return { status: 'no-server' };
          throw error;
        }
      },
      staleTime: 60_000,
      retry: false,
    }),
};
