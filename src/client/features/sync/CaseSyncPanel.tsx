import './sync.css';

import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';

import { accountQueries } from '../../api/account.queries';
import { useDatabase } from '../../db/use-database';
import { ConflictsPanel } from './ConflictsPanel';
import { NoticesPanel } from './NoticesPanel';
import { TeamSharing } from './TeamSharing';
import type { CaseRecord } from '../../db/records';

/**
 * The case screen's team slot: sharing and sync state, the members panel the app passes in, then
 * conflicts and deconfliction notices. A signed-in analyst's local case is shared from here (the
 * records go up through sync), so the members panel, which would offer a second "share", waits until
 * the case is a team case. Signed out, the members panel explains how to sign in.
 */
export function CaseSyncPanel(props: {
  record: CaseRecord & { readonly team?: boolean };
  members?: ReactNode;
}) {
  const db = useDatabase();
  const account = useQuery(accountQueries.me()).data;
  const signedIn = account?.status === 'signed-in';
  const team = props.record.team === true;
  return (
    <>
      {signedIn ? <TeamSharing db={db} caseId={props.record.id} team={team} /> : null}
      {signedIn && !team ? null : props.members}
      <ConflictsPanel db={db} caseId={props.record.id} categoryScheme={props.record.categoryScheme} />
      <NoticesPanel db={db} caseId={props.record.id} />
    </>
  );
}
