import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';

import { isUlid, type CaseId } from '../../../domain/case/ids';
import { getCase } from '../../db/cases.repository';
import { useDatabase } from '../../db/use-database';
import { useT } from '../../i18n/use-t';
import { EmptyState } from '../../ui/EmptyState';
import { CaseWorkspace } from './CaseWorkspace';
import type { CaseRecord } from '../../db/records';

/**
 * The open case, identified by the URL (/cases/<id>) so a reload comes back to it. `teamPanel` is a
 * slot the app fills (the account feature's members panel), so features stay independent.
 */
export function CaseScreen(props: { teamPanel?: (record: CaseRecord) => ReactNode }) {
  const t = useT();
  const db = useDatabase();
  const { caseId = '' } = useParams();
  const validId = isUlid(caseId);
  // useLiveQuery gives undefined while loading; null marks "looked and found nothing".
  const record = useLiveQuery(
    async () => (validId ? ((await getCase(db, caseId as CaseId)) ?? null) : null),
    [db, caseId, validId],
  );

  if (record === undefined) return <p role="status">{t('common.loading')}</p>;
  if (record === null) {
    return (
      <EmptyState title={t('case.notFound.title')} action={<Link to="/">{t('case.backToCases')}</Link>}>
        {t('case.notFound.body')}
      </EmptyState>
    );
  }
  return <CaseWorkspace key={record.id} db={db} record={record} teamPanel={props.teamPanel?.(record)} />;
}
