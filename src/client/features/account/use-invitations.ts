import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { endpoints } from '../../../contract/endpoints.contract';
import { callApi } from '../../api/api-client';
import { teamCaseQueries } from '../../api/team-cases.queries';
import { syncNow } from '../../sync';

export function useMyInvitations(enabled: boolean) {
  return useQuery({ ...teamCaseQueries.invitations(), enabled });
}

export type InvitationAnswer = { kind: 'accept' | 'decline'; invitationId: string };

/**
 * Accepting makes the analyst a member: the case reaches this browser through sync (the server also
 * pokes it), so a sync starts at once rather than at the next tick.
 */
export function useAnswerInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (answer: InvitationAnswer): Promise<InvitationAnswer> => {
      const params = { invitationId: answer.invitationId };
      if (answer.kind === 'accept') await callApi(endpoints.acceptInvitation, { params, body: {} });
      else await callApi(endpoints.declineInvitation, { params, body: {} });
      return answer;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: teamCaseQueries.all() }),
    onSuccess: (answer) => {
      if (answer.kind === 'accept') syncNow();
    },
  });
}
