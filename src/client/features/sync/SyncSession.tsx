import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { accountQueries } from '../../api/account.queries';
import { useDatabase } from '../../db/use-database';
import { startSync, stopSync, useSyncStatus } from '../../sync';

/**
 * Runs the sync engine while someone is signed in: started when the session appears, stopped on
 * sign-out (or when another user signs in, then started again for them). Renders nothing.
 */
export function SyncSession() {
  const db = useDatabase();
  const queryClient = useQueryClient();
  const account = useQuery(accountQueries.me()).data;
  const userId = account?.status === 'signed-in' ? account.me.user.id : null;
  // The engine turns itself off when the server answers 401 (session ended: idle, revoked elsewhere).
  const sessionLost = useSyncStatus((s) => s.state === 'off' && s.error !== null);

  useEffect(() => {
    if (userId === null) return;
    startSync(db, { userId });
    return () => stopSync();
  }, [db, userId]);

  // Ask again who is signed in, so the header offers "Sign in" instead of a silent, stopped sync.
  useEffect(() => {
    if (userId !== null && sessionLost)
      void queryClient.invalidateQueries({ queryKey: accountQueries.me().queryKey });
  }, [queryClient, userId, sessionLost]);
  return null;
}
