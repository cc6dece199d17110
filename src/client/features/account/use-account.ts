import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { accountQueries, type AccountState } from '../../api/account.queries';
import { ApiError, callApi } from '../../api/api-client';
import { flushExportReports } from '../../api/case-exports';
import { teamCaseQueries } from '../../api/team-cases.queries';
import { endpoints } from '../../../contract/endpoints.contract';
import { useDatabase } from '../../db/use-database';
import { signOutOfSync, type SignOutResult } from '../../sync';
import { forgetOriginals } from '../originals/session-originals';

export function useAccount(): AccountState | undefined {
  return useQuery(accountQueries.me()).data;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => callApi(endpoints.login, { body: input }),
    onSuccess: (me) => {
      const state: AccountState = { status: 'signed-in', me };
      queryClient.setQueryData(accountQueries.me().queryKey, state);
      void queryClient.invalidateQueries({ queryKey: teamCaseQueries.all() });
      // Exports of team cases made offline (or while nobody was signed in) reach the audit trail now.
      void flushExportReports(me.user.id);
    },
  });
}

/**
 * Changes the signed-in analyst's password. The server ends every session of theirs and answers with a
 * new one for this browser (a new cookie), so the account state is replaced, not cleared.
 */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      callApi(endpoints.changePassword, { body: input }),
    onSuccess: (me) => {
      const state: AccountState = { status: 'signed-in', me };
      queryClient.setQueryData(accountQueries.me().queryKey, state);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401)
        void queryClient.invalidateQueries({ queryKey: accountQueries.me().queryKey });
    },
  });
}

/**
 * Signs out this session, or every session of the user (`everywhere`). The analyst's team cases leave
 * this browser with the session (sync/sign-out.ts): unsent changes are pushed first, and when some
 * cannot be, the result names how many and nothing ends until the analyst chooses `discardUnsent`.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const db = useDatabase();
  const account = useAccount();
  const userId = account?.status === 'signed-in' ? account.me.user.id : null;
  return useMutation({
    mutationFn: async (input: { everywhere: boolean; discardUnsent?: boolean }): Promise<SignOutResult> => {
      const endSession = async () => {
        if (input.everywhere) await callApi(endpoints.revokeAllSessions, { body: {} });
        else await callApi(endpoints.logout, { body: {} });
      };
      if (userId === null) {
        await endSession();
        return { done: true };
      }
      return signOutOfSync(db, { userId, discardUnsent: input.discardUnsent ?? false, endSession });
    },
    onSuccess: (result) => {
      if (!result.done) return;
      queryClient.setQueryData<AccountState>(accountQueries.me().queryKey, { status: 'signed-out' });
      queryClient.removeQueries({ queryKey: teamCaseQueries.all() });
      // The next analyst at this workstation does not get the originals this one opened.
      forgetOriginals();
    },
  });
}
