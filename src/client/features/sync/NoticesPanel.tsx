import { useId, useState } from 'react';
import { Link } from 'react-router';

import type { NoticeRecord } from '../../db/records';
import type { CaseId } from '../../../domain/case/ids';
import { useAccountAuthor } from '../../api/account-author';
import type { WaymarkDatabase } from '../../db/database';
import { DEFAULT_ANALYST_NAME, getAnalystName } from '../../db/leads.repository';
import { isolate } from '../../i18n/bidi-isolate';
import { errorText } from '../../i18n/error-text';
import { useLanguage, useT } from '../../i18n/use-t';
import { acknowledgeNotice, useNotices } from '../../sync';
import {
  formatSyncTime,
  matchKindsText,
  noticeSentence,
  partitionNotices,
  SLOT,
  splitAtSlot,
} from './sync-text';
import { useSeriesNames } from './use-sync-labels';

/**
 * Deconfliction notices of a case: another case holds images of one of this case's series. Says who
 * to contact, never what the other case holds. Nothing is shown while there are none.
 */
export function NoticesPanel(props: { db: WaymarkDatabase; caseId: CaseId }) {
  const t = useT();
  const { db, caseId } = props;
  const notices = useNotices(caseId) ?? [];
  const seriesNames = useSeriesNames(db, caseId);
  const accountAuthor = useAccountAuthor();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function acknowledge(id: string) {
    if (busy) return;
    setBusy(id);
    setError(null);
    try {
      // Signed in: the account's name, as the server writes it; otherwise the leads screen's call sign.
      const by = accountAuthor ?? (await getAnalystName(db)) ?? DEFAULT_ANALYST_NAME;
      await acknowledgeNotice(db, id, by);
    } catch (cause) {
      setError(t('sync.notices.failed', { reason: errorText(t, cause) }));
    } finally {
      setBusy(null);
    }
  }

  if (notices.length === 0) return null;
  return (
    <NoticeList
      caseId={caseId}
      notices={notices}
      seriesNames={seriesNames}
      busyId={busy}
      error={error}
      onAcknowledge={(id) => void acknowledge(id)}
    />
  );
}

/** Open notices with "Acknowledge"; acknowledged ones collapsed below, with who and when. */
export function NoticeList(props: {
  caseId: string;
  notices: readonly NoticeRecord[];
  seriesNames: ReadonlyMap<string, string>;
  busyId: string | null;
  error: string | null;
  onAcknowledge: (id: string) => void;
  now?: Date;
}) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const { open, acknowledged } = partitionNotices(props.notices);
  return (
    <section className="sync-panel sync-notices" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('sync.notices.title')}</h2>
      {props.error ? (
        <p className="error" role="alert">
          {props.error}
        </p>
      ) : null}
      {open.length > 0 ? (
        <ul className="sync-list" aria-labelledby={`${id}-title`}>
          {open.map((n, index) => (
            <li key={n.id} className="sync-notice" data-direction={n.direction}>
              <NoticeText
                id={`${id}-n${index}`}
                caseId={props.caseId}
                notice={n}
                series={props.seriesNames.get(n.seriesId)}
              />
              <button
                type="button"
                className="button"
                aria-describedby={`${id}-n${index}`}
                aria-disabled={props.busyId !== null || undefined}
                onClick={() => props.busyId === null && props.onAcknowledge(n.id)}
              >
                {t('sync.notices.acknowledge')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {acknowledged.length > 0 ? (
        <details className="sync-acknowledged">
          <summary>{t('sync.notices.acknowledgedList', { count: acknowledged.length })}</summary>
          <ul className="sync-list">
            {acknowledged.map((n, index) => (
              <li key={n.id} className="sync-notice" data-direction={n.direction}>
                <NoticeText
                  id={`${id}-a${index}`}
                  caseId={props.caseId}
                  notice={n}
                  series={props.seriesNames.get(n.seriesId)}
                />
                <p className="muted">
                  {t('sync.notices.acknowledgedBy', {
                    by: isolate(n.acknowledgedBy ?? '?'),
                    date: formatSyncTime(n.acknowledgedAt ?? '', language, props.now),
                  })}
                </p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** The sentence with the series as a link to its leads page (the series' own page). */
function NoticeText(props: { id: string; caseId: string; notice: NoticeRecord; series: string | undefined }) {
  const t = useT();
  const language = useLanguage();
  const { notice } = props;
  const parts = splitAtSlot(noticeSentence(t, notice, SLOT));
  const series =
    props.series === undefined ? (
      t('sync.notices.unknownSeries')
    ) : (
      <bdi>
        <Link to={`/cases/${props.caseId}/series/${notice.seriesId}/leads`}>{props.series}</Link>
      </bdi>
    );
  const kinds = matchKindsText(t, notice.matchKinds, language);
  return (
    <div id={props.id} className="sync-notice-text">
      <p>
        {parts.before}
        {parts.found ? series : null}
        {parts.after}
      </p>
      {kinds ? <p className="muted">{kinds}</p> : null}
    </div>
  );
}
