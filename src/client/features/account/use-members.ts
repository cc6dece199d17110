import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import type { CaseRole, MembersResponse, NoticeDisclosure } from '../../../contract/cases.contract';
import { endpoints } from '../../../contract/endpoints.contract';
import { accountQueries } from '../../api/account.queries';
import { ApiError, callApi } from '../../api/api-client';
import { teamCaseQueries } from '../../api/team-cases.queries';

export type MemberChange =
  | { kind: 'add'; username: string; role: CaseRole }
  | { kind: 'role'; userId: string; role: CaseRole }
  | { kind: 'remove'; userId: string }
  | { kind: 'withdraw'; invitationId: string };

/** A 401 means the session ended (idle, revoked elsewhere): re-ask who is signed in. */
function recheckSession(queryClient: QueryClient, error: unknown): void {
  if (error instanceof ApiError && error.status === 401)
    void queryClient.invalidateQueries({ queryKey: accountQueries.me().queryKey });
}

export function useMembers(caseId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const query = useQuery({ ...teamCaseQueries.members(caseId), enabled });
  useEffect(() => recheckSession(queryClient, query.error), [queryClient, query.error]);
  return query;
}

/** Every change answers with the new member list, which replaces the cached one. */
export function useMemberChange(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: MemberChange): Promise<MembersResponse> => {
      if (change.kind === 'add')
        return callApi(endpoints.addMember, {
          params: { caseId },
          body: { username: change.username, role: change.role },
        });
      if (change.kind === 'role')
        return callApi(endpoints.updateMember, {
          params: { caseId, userId: change.userId },
          body: { role: change.role },
        });
      if (change.kind === 'withdraw')
        return callApi(endpoints.withdrawInvitation, {
          params: { caseId, invitationId: change.invitationId },
          body: {},
        });
      return callApi(endpoints.removeMember, { params: { caseId, userId: change.userId }, body: {} });
    },
    onError: (error) => recheckSession(queryClient, error),
    onSuccess: (members) => {
      queryClient.setQueryData(teamCaseQueries.members(caseId).queryKey, members);
      void queryClient.invalidateQueries({ queryKey: teamCaseQueries.list().queryKey });
    },
  });
}

/** An owner's choice of what deconfliction notices show other cases (answers with the member list). */
export function useNoticeDisclosure(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (disclosure: NoticeDisclosure): Promise<MembersResponse> =>
      callApi(endpoints.setNoticeDisclosure, { params: { caseId }, body: { disclosure } }),
    onError: (error) => recheckSession(queryClient, error),
    onSuccess: (members) => queryClient.setQueryData(teamCaseQueries.members(caseId).queryKey, members),
  });
}

/** Makes a local case a team case under the same id; the creator becomes its owner. */
