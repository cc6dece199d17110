import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';

import { listCases } from '../../db/cases.repository';
import { useDatabase } from '../../db/use-database';
import { useLanguage, useT } from '../../i18n/use-t';
import { EmptyState } from '../../ui/EmptyState';
import { NewCaseDialog } from './NewCaseDialog';

/** `invitations`: the signed-in analyst's pending invitations to team cases (the app composes it). */
export function CasesScreen(props: { invitations?: ReactNode }) {
  const t = useT();
  const language = useLanguage();
  const db = useDatabase();
  const navigate = useNavigate();
  const cases = useLiveQuery(() => listCases(db), [db]);
  const [dialogOpen, setDialogOpen] = useState(false);
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  const newCaseButton = (
    <button type="button" className="button primary" onClick={() => setDialogOpen(true)}>
      {t('cases.new')}
    </button>
  );

  return (
    <div className="screen">
      <div className="screen-header">
        <h1>{t('cases.title')}</h1>
        {cases && cases.length > 0 ? newCaseButton : null}
      </div>
      {props.invitations}
      {cases === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : cases.length === 0 ? (
        <EmptyState title={t('cases.empty.title')} action={newCaseButton}>
          {t('cases.empty.body')}
        </EmptyState>
      ) : (
        <ul className="case-list" aria-label={t('cases.list')}>
          {cases.map((c) => (
            <li key={c.id}>
              <Link to={`/cases/${c.id}`} className="case-link">
                <span className="case-name">{c.name}</span>
                <span className="muted">
                  {t('cases.created', { date: dateFormat.format(new Date(c.createdAt)) })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <NewCaseDialog
        open={dialogOpen}
        onClose={() => setDialogOpen(false)}
        onCreated={(id) => {
          setDialogOpen(false);
          void navigate(`/cases/${id}`);
        }}
      />
    </div>
  );
}
