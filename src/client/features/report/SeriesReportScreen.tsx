import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useParams } from 'react-router';

import { getCategoryScheme } from '../../../domain/case/category-schemes';
import type { CaseId } from '../../../domain/case/ids';
import type { SeriesId } from '../../../domain/case/media';
import { currentNotes } from '../../../domain/leads/lead-search';
import { summarizeSeries } from '../../../domain/leads/series-summary';
import { useReportCaseExport } from '../../api/case-exports';
import { getCase } from '../../db/cases.repository';
import { getClueCrop, listSeriesClues } from '../../db/clues.repository';
import type { WaymarkDatabase } from '../../db/database';
import { getLead } from '../../db/leads.repository';
import { queryGridIds } from '../../db/media.repository';
import { listNoteRevisions } from '../../db/notes.repository';
import { useDatabase } from '../../db/use-database';
import type { MessageKey } from '../../i18n/catalog';
import { clueTypeKey, leadStatusKey, seriesTitle } from '../../i18n/domain-keys';
import { formatInstant, formatInstantDate } from '../../i18n/format-time';
import { useLanguage, useT } from '../../i18n/use-t';
import { EmptyState } from '../../ui/EmptyState';
import { useReveal, useWellnessSettings, wellnessFilter } from '../wellness/wellness.store';
import { CaptureTimeline } from './CaptureTimeline';
import { useBlobUrl } from '../../ui/use-blob-url';
import './report.css';
import type { MediaRecord } from '../../db/records';

/**
 * Route /cases/:caseId/series/:seriesId/report: a printable summary of one series. It never shows a
 * full image: only clue crops, blurred on screen until revealed like every image. In print the crops
 * are shown clear (print CSS): the officer chose to print, the crops are the harmless details marked
 * for sharing, and a blurred crop on paper would be useless.
 */
export function SeriesReportScreen() {
  const t = useT();
  const db = useDatabase();
  const { caseId = '', seriesId = '' } = useParams();
  const data = useLiveQuery(() => loadReport(db, caseId, seriesId), [db, caseId, seriesId]);
  if (data === undefined) return <p role="status">{t('common.loading')}</p>;
  if (data === null)
    return (
      <EmptyState title={t('leads.notFound')} action={<Link to="/">{t('case.backToCases')}</Link>}>
        {t('case.notFound.body')}
      </EmptyState>
    );
  return <Report db={db} data={data} />;
}

async function loadReport(db: WaymarkDatabase, caseId: string, seriesId: string) {
  const [record, series] = await Promise.all([
    getCase(db, caseId as CaseId),
    db.series.get(seriesId as SeriesId),
  ]);
  if (!record || !series || series.caseId !== record.id) return null;
  const ids = await queryGridIds(db, record.id, { seriesId: series.id });
  const media = (await db.media.bulkGet(ids)).filter((m): m is MediaRecord => m !== undefined);
  const [clues, lead, notes] = await Promise.all([
    listSeriesClues(db, series.id),
    getLead(db, series.id),
    listNoteRevisions(db, series.id),
  ]);
  return { record, series, media, clues, lead, notes: currentNotes(notes) };
}

type ReportData = NonNullable<Awaited<ReturnType<typeof loadReport>>>;

function Report(props: { db: WaymarkDatabase; data: ReportData }) {
  const t = useT();
  const { record, series, media, clues, lead, notes } = props.data;
  const scheme = getCategoryScheme(record.categoryScheme);
  const title = seriesTitle(t, series);
  const language = useLanguage();
  const [generatedAt] = useState(() => new Date().toISOString());
  const reportExport = useReportCaseExport();

  const summary = summarizeSeries(
    media,
    scheme.categories.map((c) => c.value),
  );
  const counts: [string, number][] = [
    [t('report.count.images'), media.length],
    [t('report.count.dated'), summary.dated],
    [t('report.count.clues'), clues.length],
    [t('report.count.notes'), notes.length],
    [t('report.count.offenderLeads'), lead?.offenderLeads.length ?? 0],
    [t('report.count.locations'), lead?.locations.length ?? 0],
  ];
  const v = lead?.victim;

  return (
    <article className="screen report-screen" aria-labelledby="report-title">
      <div className="screen-header no-print">
        <Link to={`/cases/${record.id}/series/${series.id}/leads`}>{t('report.back')}</Link>
        <button
          type="button"
          className="button primary"
          onClick={() => {
            reportExport(record.id, { format: 'report', seriesId: series.id, items: media.length });
            window.print();
          }}
        >
          {t('report.print')}
        </button>
      </div>
      <h1 id="report-title">{t('report.title', { series: title })}</h1>
      <p className="muted">
        {t('report.subtitle', { case: record.name, at: formatInstant(generatedAt, language) })}
      </p>

      <section aria-labelledby="report-counts">
        <h2 id="report-counts">{t('report.counts')}</h2>
        <dl className="report-grid">
          {counts.map(([term, n]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="report-categories">
        <h2 id="report-categories">{t('report.categories')}</h2>
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t('report.category')}</th>
              <th scope="col">{t('report.images')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.categoryCounts.map((c) => (
              <tr key={String(c.value)}>
                <td>
                  {t((c.value === null ? 'category.none' : `category.${scheme.id}.${c.value}`) as MessageKey)}
                </td>
                <td>{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="report-timeline">
        <h2 id="report-timeline">{t('report.timeline')}</h2>
        {summary.timeline ? (
          <CaptureTimeline timeline={summary.timeline} />
        ) : (
          <p className="muted">{t('report.noTimes')}</p>
        )}
      </section>

      <section aria-labelledby="report-cameras">
        <h2 id="report-cameras">{t('report.cameras')}</h2>
        {summary.cameras.length === 0 ? (
          <p className="muted">{t('report.noCameras')}</p>
        ) : (
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t('report.camera')}</th>
                <th scope="col">{t('report.serial')}</th>
                <th scope="col">{t('report.images')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.cameras.map((c) => (
                <tr key={`${c.camera}|${c.serial}`}>
                  <td>{c.camera || '—'}</td>
                  <td>{c.serial || '—'}</td>
                  <td>{c.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="report-lead">
        <h2 id="report-lead">{t('report.lead')}</h2>
        <dl className="report-grid">
          <div>
            <dt>{t('leads.status.label')}</dt>
            <dd>{t(leadStatusKey(lead?.status ?? 'new'))}</dd>
          </div>
          <div>
            <dt>{t('report.age')}</dt>
            <dd>
              {v && (v.ageMin !== null || v.ageMax !== null) ? `${v.ageMin ?? '?'}–${v.ageMax ?? '?'}` : '—'}
            </dd>
          </div>
          <div>
            <dt>{t('leads.victim.sex')}</dt>
            <dd>{t(`leads.sex.${v?.sex ?? 'unknown'}`)}</dd>
          </div>
          <div>
            <dt>{t('leads.victim.identified')}</dt>
            <dd>
              {t(`leads.identified.${v?.identified ?? 'unidentified'}`)}
              {v?.identifiedOn ? ` (${v.identifiedOn})` : ''}
            </dd>
          </div>
          <div>
            <dt>{t('leads.tags.label')}</dt>
            <dd>{lead?.tags.join(', ') || '—'}</dd>
          </div>
        </dl>
        <h3>{t('leads.offender.title')}</h3>
        <ReportList items={lead?.offenderLeads.map((o) => o.text) ?? []} />
        <h3>{t('leads.location.title')}</h3>
        <ReportList
          items={
            lead?.locations.map((l) => {
              const refs = l.clueIds
                .map((id) => clues.findIndex((c) => c.revision.clueId === id))
                .filter((i) => i >= 0)
                .map((i) => `#${i + 1}`);
              return refs.length
                ? `${l.text} (${t('report.supportedBy', { clues: refs.join(', ') })})`
                : l.text;
            }) ?? []
          }
        />
        <h3>{t('leads.notes.title')}</h3>
        <ReportList items={notes.map((n) => `${n.text} — ${n.by}, ${formatInstantDate(n.at, language)}`)} />
      </section>

      <section aria-labelledby="report-clues">
        <h2 id="report-clues">{t('report.clues')}</h2>
        {clues.length === 0 ? <p className="muted">{t('leads.clues.empty')}</p> : null}
        <ol className="report-clues">
          {clues.map((c, i) => (
            <li key={c.revision.clueId}>
              <ReportCrop db={props.db} revisionId={c.revision.id} label={t('report.crop', { n: i + 1 })} />
              <div>
                <strong>
                  #{i + 1} {t(clueTypeKey(c.revision.type))}
                </strong>
                <p>{c.revision.note}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function ReportList(props: { items: readonly string[] }) {
  if (props.items.length === 0) return <p className="muted">—</p>;
  return (
    <ul>
      {props.items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

function ReportCrop(props: { db: WaymarkDatabase; revisionId: string; label: string }) {
  const crop = useLiveQuery(() => getClueCrop(props.db, props.revisionId), [props.db, props.revisionId]);
  const settings = useWellnessSettings();
  const { revealedId, reveal } = useReveal();
  const url = useBlobUrl(crop?.blob);
  const key = `crop:${props.revisionId}`;
  const revealed = revealedId === key;
  if (!url) return <span className="report-crop placeholder" />;
  return (
    <button
      type="button"
      className="report-crop"
      aria-label={props.label}
      aria-pressed={revealed}
      onClick={() => reveal(key, settings.revealSeconds)}
    >
      <img src={url} alt="" data-revealed={revealed} style={{ filter: wellnessFilter(settings, revealed) }} />
    </button>
  );
}
