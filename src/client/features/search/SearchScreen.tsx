import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';

import { CLUE_TYPES, type ClueType } from '../../../domain/leads/clue';
import { matchesQuery } from '../../../domain/leads/lead-search';
import { LEAD_STATUSES, type LeadStatus } from '../../../domain/leads/lead-status';
import { useDatabase } from '../../db/use-database';
import { clueTypeKey, leadStatusKey, seriesTitle } from '../../i18n/domain-keys';
import { useT } from '../../i18n/use-t';
import { loadSearchData } from './load-search-docs';
import './search.css';

const MAX_RESULTS = 200;

/** Route /search: leads across every case by tag, clue type, text, camera serial and status. */
export function SearchScreen() {
  const t = useT();
  const db = useDatabase();
  const id = useId();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<LeadStatus | ''>('');
  const [clueType, setClueType] = useState<ClueType | ''>('');
  const data = useLiveQuery(() => loadSearchData(db), [db]);
  const query = useDeferredValue({
    text,
    ...(status ? { status } : {}),
    ...(clueType ? { clueType } : {}),
  });
  const results = useMemo(() => {
    if (!data) return [];
    return data.docs.filter((doc) =>
      matchesQuery(doc, query, [
        t(leadStatusKey(doc.status)),
        ...doc.clueTypes.map((c) => t(clueTypeKey(c))),
      ]),
    );
  }, [data, query, t]);
  const active = Boolean(text.trim() || status || clueType);

  return (
    <div className="screen search-screen">
      <div className="screen-header">
        <h1>{t('search.title')}</h1>
      </div>
      <form className="search-form" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('search.label')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={text}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setText(e.target.value)}
          />
          <p id={`${id}-hint`} className="hint">
            {t('search.hint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('search.status')}</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => setStatus(e.target.value as LeadStatus | '')}
          >
            <option value="">{t('search.any')}</option>
            {LEAD_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(leadStatusKey(s))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('search.clueType')}</label>
          <select
            id={`${id}-type`}
            value={clueType}
            onChange={(e) => setClueType(e.target.value as ClueType | '')}
          >
            <option value="">{t('search.any')}</option>
            {CLUE_TYPES.map((c) => (
              <option key={c} value={c}>
                {t(clueTypeKey(c))}
              </option>
            ))}
          </select>
        </div>
      </form>
      {!data ? (
        <p role="status">{t('common.loading')}</p>
      ) : !active ? null : (
        <section aria-labelledby={`${id}-results`}>
          <h2 id={`${id}-results`} role="status">
            {t('search.results', { count: results.length })}
          </h2>
          <ul className="search-results" aria-label={t('search.resultList')}>
            {results.slice(0, MAX_RESULTS).map((doc) => {
              const series = data.series.get(doc.seriesId);
              const record = data.cases.get(doc.caseId);
              return (
                <li key={doc.seriesId}>
                  <Link to={`/cases/${doc.caseId}/series/${doc.seriesId}/leads`}>
                    {t('search.resultName', {
                      case: record?.name ?? '—',
                      series: series ? seriesTitle(t, series) : '—',
                    })}
                  </Link>
                  <span className="badge">{t(leadStatusKey(doc.status))}</span>
                  {doc.tags.length > 0 ? <span className="muted"> {doc.tags.join(', ')}</span> : null}
                  {doc.texts[0] ? <p className="muted">{doc.texts.slice(0, 3).join(' · ')}</p> : null}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
