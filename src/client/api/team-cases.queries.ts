import { queryOptions } from '@tanstack/react-query';

import { endpoints } from '../../contract/endpoints.contract';
import { ApiError, callApi } from './api-client';

/** Cases as the team server knows them (membership, roles); local case data stays in Dexie. */
export const teamCaseQueries = {
  all: () => ['team-cases'] as const,
  list: () =>
    queryOptions({
      queryKey: [...teamCaseQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => callApi(endpoints.listCases, {}, signal),
    }),
  /** null: the server has no such case for this user (a local-only case, or not a member). */
  members: (caseId: string) =>
    queryOptions({
      queryKey: [...teamCaseQueries.all(), caseId, 'members'] as const,
      queryFn: async ({ signal }) => {
        try {
          return await callApi(endpoints.listMembers, { params: { caseId } }, signal);
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        }
      },
      retry: false,
    }),
  /** The signed-in analyst's pending invitations to cases (they accept or decline on the case list). */
  invitations: () =>
    queryOptions({
      queryKey: [...teamCaseQueries.all(), 'invitations'] as const,
      queryFn: ({ signal }) => callApi(endpoints.listMyInvitations, {}, signal),
      // New invitations show up without a reload while the case list is open.
      refetchInterval: 60_000,
    }),
};
