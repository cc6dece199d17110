import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState } from 'react';

import type { CaseExportFormat } from '../../../contract/case-exports.contract';
import { DEFAULT_CATEGORY_SCHEME } from '../../../domain/case/category-schemes';
import { useReportCaseExport } from '../../api/case-exports';
import type { WaymarkDatabase } from '../../db/database';
import { countKnownMedia } from '../../db/list-matches.repository';
import type { GridFilter } from '../../db/media.repository';
import { errorText } from '../../i18n/error-text';
import { listProblemText } from '../../i18n/list-problem-text';
import { useT } from '../../i18n/use-t';
import { getMatcher, matchCase, type MatchProgress, type MatchSummary } from './case-matching';
import { downloadBlob } from '../../ui/download-blob';
import { exportCase, exportFileName, ExportKind } from './case-export';
import { runVicsCaseRead } from '../../workers/vics-case-read-runner';
import { importVicsCaseFile, type VicsCaseImportOutcome } from './vics-case-import';
import './hashlists.css';
import type { CaseRecord } from '../../db/records';

type RunState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly progress: MatchProgress }
  | { readonly phase: 'done'; readonly summary: MatchSummary }
  | { readonly phase: 'no-lists' }
  | { readonly phase: 'failed'; readonly error: unknown };

type ExportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running' }
  | { readonly phase: 'done'; readonly file: string }
  | { readonly phase: 'failed'; readonly error: unknown };

type ImportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running' }
  | { readonly phase: 'done'; readonly outcome: VicsCaseImportOutcome }
  | { readonly phase: 'failed'; readonly error: unknown };

/**
 * Known material on the case screen: match against the lists, hide what is known, export.
 *
 * Wellness: "Hide known images" switches itself ON the first time this screen sees known media (on
 * opening a matched case, or when matching finds some), because known material never needs to be
 * seen again; unticking it is honoured for the rest of the visit, and the next visit hides again.
 */
/** How the audit trail names each export (a team case's export is reported to the server). */
const AUDITED_FORMAT: Record<ExportKind, CaseExportFormat> = {
  [ExportKind.vicsCase]: 'vics-case',
  [ExportKind.signaturesCsv]: 'signatures-csv',
  [ExportKind.hashSet]: 'vics-hash-set',
};

export function CaseListsPanel(props: {
  db: WaymarkDatabase;
  record: CaseRecord;
  filter: GridFilter;
  onFilter: (filter: GridFilter) => void;
  ingestError?: { readonly cause: unknown } | null;
}) {
  const t = useT();
  const id = useId();
  const { db, record, filter, onFilter } = props;
  const reportExport = useReportCaseExport();
  const scheme = record.categoryScheme ?? DEFAULT_CATEGORY_SCHEME;
  const [run, setRun] = useState<RunState>({ phase: 'idle' });
  const [exporting, setExporting] = useState<ExportState>({ phase: 'idle' });
  const [importing, setImporting] = useState<ImportState>({ phase: 'idle' });
  const known = useLiveQuery(() => countKnownMedia(db, record.id), [db, record.id]);
  const decided = useRef(false);

  const setHideKnown = (hide: boolean) => {
    const { known: _drop, ...rest } = filter;
    onFilter(hide ? { ...rest, known: false } : rest);
  };
  useEffect(() => {
    if (decided.current || !known) return;
    decided.current = true;
    if (filter.known === undefined) onFilter({ ...filter, known: false });
  }, [known, filter, onFilter]);

  const startMatch = async () => {
    setRun({ phase: 'running', progress: { done: 0, total: 0 } });
    try {
      const matcher = await getMatcher(db);
      if (matcher.stats.lists === 0) {
        setRun({ phase: 'no-lists' });
        return;
      }
      const summary = await matchCase(db, record.id, scheme, {
        onProgress: (progress) => setRun({ phase: 'running', progress }),
      });
      setRun({ phase: 'done', summary });
    } catch (cause) {
      setRun({ phase: 'failed', error: cause });
    }
  };

  const startExport = async (kind: ExportKind) => {
    setExporting({ phase: 'running' });
    try {
      const blob = await exportCase(db, record, kind);
      const file = exportFileName(record, kind);
      reportExport(record.id, { format: AUDITED_FORMAT[kind] });
      downloadBlob(blob, file);
      setExporting({ phase: 'done', file });
    } catch (cause) {
      setExporting({ phase: 'failed', error: cause });
    }
  };

  const startImport = async (file: File) => {
    setImporting({ phase: 'running' });
    try {
      setImporting({ phase: 'done', outcome: await importVicsCaseFile(db, record, file, runVicsCaseRead) });
    } catch (cause) {
      setImporting({ phase: 'failed', error: cause });
    }
  };

  const running = run.phase === 'running';
  return (
    <section className="case-lists" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('caseLists.title')}</h2>
      <button type="button" className="button" onClick={() => void startMatch()} disabled={running}>
        {t('caseLists.match')}
      </button>
      {run.phase === 'running' ? (
        <progress
          aria-label={t('caseLists.progress')}
          max={Math.max(1, run.progress.total)}
          value={run.progress.done}
          aria-valuetext={t('caseLists.progressText', { ...run.progress })}
        />
      ) : null}
      <label>
        <input
          type="checkbox"
          checked={filter.known === false}
          aria-describedby={`${id}-hide-help`}
          onChange={(e) => {
            decided.current = true;
            setHideKnown(e.target.checked);
          }}
        />{' '}
        {t('caseLists.hideKnown')}
      </label>
      <span className="badge">{t('caseLists.knownCount', { count: known ?? 0 })}</span>
      <div role="group" aria-label={t('caseLists.export')} className="case-lists-exports">
        <button
          type="button"
          className="button"
          disabled={exporting.phase === 'running'}
          onClick={() => void startExport(ExportKind.vicsCase)}
        >
          {t('caseLists.exportVics')}
        </button>
        <button
          type="button"
          className="button"
          disabled={exporting.phase === 'running'}
          onClick={() => void startExport(ExportKind.signaturesCsv)}
        >
          {t('caseLists.exportCsv')}
        </button>
        <button
          type="button"
          className="button"
          disabled={exporting.phase === 'running'}
          onClick={() => void startExport(ExportKind.hashSet)}
        >
          {t('caseLists.exportHashSet')}
        </button>
      </div>
      <label htmlFor={`${id}-vics`} className="button" aria-disabled={importing.phase === 'running'}>
        {t('caseLists.importVics')}
      </label>
      <input
        id={`${id}-vics`}
        className="visually-hidden"
        type="file"
        accept=".json,application/json"
        disabled={importing.phase === 'running'}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void startImport(file);
        }}
      />
      <ImportStatus state={importing} />
      <p id={`${id}-hide-help`} className="muted case-lists-note">
        {t('caseLists.hideKnownHelp')} {t('caseLists.exportHelp')}
      </p>
      <p role="status" className="case-lists-note">
        {run.phase === 'running'
          ? t('caseLists.progressText', { ...run.progress })
          : run.phase === 'done'
            ? t('caseLists.result', { ...run.summary })
            : run.phase === 'no-lists'
              ? t('caseLists.noLists')
              : exporting.phase === 'running'
                ? t('caseLists.exporting')
                : exporting.phase === 'done'
                  ? t('caseLists.exported', { file: exporting.file })
                  : ''}
      </p>
      {run.phase === 'failed' ? (
        <p role="alert" className="error case-lists-note">
          {t('caseLists.failed', { message: errorText(t, run.error) })}
        </p>
      ) : null}
      {exporting.phase === 'failed' ? (
        <p role="alert" className="error case-lists-note">
          {t('caseLists.exportFailed', { message: errorText(t, exporting.error) })}
        </p>
      ) : null}
      {props.ingestError ? (
        <p role="alert" className="error case-lists-note">
          {t('caseLists.ingestFailed', { message: errorText(t, props.ingestError.cause) })}
        </p>
      ) : null}
    </section>
  );
}

function ImportStatus(props: { state: ImportState }) {
  const t = useT();
  const { state } = props;
  if (state.phase === 'idle') return null;
  if (state.phase === 'running')
    return (
      <p role="status" className="case-lists-note">
        {t('caseLists.importingVics')}
      </p>
    );
  if (state.phase === 'failed')
    return (
      <p role="alert" className="error case-lists-note">
        {t('caseLists.failed', { message: errorText(t, state.error) })}
      </p>
    );
  const o = state.outcome;
  if (!o.ok)
    return (
      <p role="alert" className="error case-lists-note">
        {t('caseLists.importVicsFailed', { message: listProblemText(t, o.fatal), line: o.fatal.line })}
      </p>
    );
  return (
    <p role="status" className="case-lists-note">
      {t('caseLists.importVicsDone', {
        created: o.created,
        existing: o.existing,
        series: o.seriesCreated,
        skipped: o.skipped,
      })}
      {o.categoriesDropped > 0 ? ` ${t('caseLists.importVicsDropped', { count: o.categoriesDropped })}` : ''}
    </p>
  );
}
