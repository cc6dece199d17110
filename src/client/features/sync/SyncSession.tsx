import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';

import { accountQueries } from '../../api/account.queries';
import { useDatabase } from '../../db/use-database';
import { startSync, stopSync } from './engine';

/**
 * Runs the sync engine while someone is signed in: started when the session appears, stopped on
 * sign-out (or when another user signs in, then started again for them). Renders nothing.
 */
export function SyncSession() {
  const db = useDatabase();
  const account = useQuery(accountQueries.me()).data;
  const userId = account?.status === 'signed-in' ? account.me.user.id : null;
  useEffect(() => {
    if (userId === null) return;
    startSync(db);
    return () => stopSync();
  }, [db, userId]);
  return null;
}
