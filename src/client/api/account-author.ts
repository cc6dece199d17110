import { useQuery } from '@tanstack/react-query';

import { authorName } from '../../contract/records/written-by';
import { accountQueries } from './account.queries';

/**
 * The name a team case's records carry when the analyst is signed in: their account, as the server
 * writes it (written-by.ts); null when nobody is signed in. Local cases keep the typed call sign.
 */
export function useAccountAuthor(): string | null {
  const account = useQuery(accountQueries.me()).data;
  return account?.status === 'signed-in' ? authorName(account.me.user) : null;
}
