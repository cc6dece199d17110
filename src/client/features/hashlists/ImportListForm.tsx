import { useEffect, useId, useRef, useState } from 'react';

import { CategorySchemeId } from '../../../domain/case/category-schemes';
import { HashListKind } from '../../../domain/hashlists/hash-list';
import type { ParseIssue } from '../../../domain/hashlists/stream-parser';
import type { VpdqListProblem } from '../../../domain/hashlists/vpdq-list';
import { isolate } from '../../i18n/bidi-isolate';
import type { MessageKey } from '../../i18n/catalog';
import { errorText } from '../../i18n/error-text';
import { listProblemText } from '../../i18n/list-problem-text';
import { useT } from '../../i18n/use-t';
import type { Translate } from '../../i18n/translate';
import type { WaymarkDatabase } from '../../db/database';
import { useListImport, type ListImportState } from './use-list-import';

const SCHEMES = Object.values(CategorySchemeId);

/**
 * A file input with the list's kind and scheme, the import's progress, and what went wrong, line by
 * line. One file is any list (VICS, CSV, PDQ; a ZIP or a vPDQ hash file is a list of known videos);
 * several files or a folder make one vPDQ list, a video per file.
 */
export function ImportListForm(props: { db: WaymarkDatabase }) {
  const t = useT();
  const id = useId();
  const [kind, setKind] = useState<HashListKind>(HashListKind.known);
  const [scheme, setScheme] = useState<string>(CategorySchemeId.vicUs);
  const { state, start, cancel } = useListImport(props.db);
  const busy = state.phase === 'reading' || state.phase === 'saving';
  const folderRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Not in React's typed props: the folder picker is switched on as a plain attribute.
    folderRef.current?.setAttribute('webkitdirectory', '');
  }, []);
  const choose = (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length > 0) void start(files, kind, scheme);
  };

  return (
    <section className="list-import" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('lists.import.title')}</h2>
      <div className="list-import-fields">
        <label htmlFor={`${id}-kind`}>{t('lists.import.kind')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          disabled={busy}
          onChange={(e) => setKind(e.target.value === 'allow' ? HashListKind.allow : HashListKind.known)}
        >
          <option value={HashListKind.known}>{t('lists.import.kind.known')}</option>
          <option value={HashListKind.allow}>{t('lists.import.kind.allow')}</option>
        </select>
        <label htmlFor={`${id}-scheme`}>{t('lists.import.scheme')}</label>
        <select
          id={`${id}-scheme`}
          value={scheme}
          disabled={busy}
          aria-describedby={`${id}-scheme-help`}
          onChange={(e) => setScheme(e.target.value)}
        >
          {SCHEMES.map((s) => (
            <option key={s} value={s}>
              {t(`category.scheme.${s}` as MessageKey)}
            </option>
          ))}
        </select>
        <p id={`${id}-scheme-help`} className="muted">
          {t('lists.import.scheme.help')}
        </p>
        <label htmlFor={`${id}-file`} className="button primary" aria-disabled={busy}>
          {t('lists.import.file')}
        </label>
        <input
          id={`${id}-file`}
          className="visually-hidden"
          type="file"
          accept=".json,.csv,.txt,.tsv,.pdq,.zip,application/json,text/csv,text/plain,application/zip"
          multiple
          disabled={busy}
          onChange={(e) => choose(e.target)}
        />
        <label htmlFor={`${id}-folder`} className="button" aria-disabled={busy}>
          {t('lists.import.folder')}
        </label>
        <input
          id={`${id}-folder`}
          ref={folderRef}
          className="visually-hidden"
          type="file"
          disabled={busy}
          onChange={(e) => choose(e.target)}
        />
        <p className="muted">{t('lists.import.vpdqHelp')}</p>
        {busy ? (
          <button type="button" onClick={cancel}>
            {t('lists.import.cancel')}
          </button>
        ) : null}
      </div>
      <ImportStatus state={state} t={t} />
    </section>
  );
}

/** The import's progress (a progress bar named "Reading the list"), outcome and problems. */
export function ImportStatus(props: { state: ListImportState; t: Translate }) {
  const { state, t } = props;
  switch (state.phase) {
    case 'idle':
      return null;
    case 'reading': {
      const percent = Math.round(state.fraction * 100);
      // A vPDQ list (several files, a folder, a ZIP) counts its files; a text list its entries.
      const text = state.files
        ? t('lists.import.progressFiles', { done: state.files.done, total: state.files.total, percent })
        : t('lists.import.progressText', { entries: state.entries, percent });
      return (
        <div className="list-import-progress">
          <progress aria-label={t('lists.import.progress')} max={100} value={percent} aria-valuetext={text} />
          <p role="status">{text}</p>
        </div>
      );
    }
    case 'saving':
      return <p role="status">{t('lists.import.saving', { entries: state.entries })}</p>;
    case 'cancelled':
      return <p role="status">{t('lists.import.cancelled')}</p>;
    case 'done':
      return (
        <>
          <p role="status">
            {t('lists.import.done', { name: state.name, count: state.entries })}
            {state.warningCount > 0 ? ` ${t('lists.import.skipped', { count: state.warningCount })}` : ''}
          </p>
          <IssueList warnings={state.warnings} total={state.warningCount} t={t} />
          <FileProblems problems={state.fileProblems} t={t} />
        </>
      );
    case 'failed':
      return (
        <>
          <p role="alert" className="error">
            {state.fatal
              ? t('lists.import.failed', {
                  name: state.name,
                  message: listProblemText(t, state.fatal),
                  line: state.fatal.line,
                })
              : t('lists.import.failedUnexpected', { name: state.name, message: errorText(t, state.error) })}
          </p>
          <IssueList warnings={state.warnings} total={state.warningCount} t={t} />
          <FileProblems problems={state.fileProblems} t={t} />
        </>
      );
  }
}

/** The files of a vPDQ list that were left out: which file, which line, what is wrong there. */
function FileProblems(props: { problems: readonly VpdqListProblem[]; t: Translate }) {
  const { t } = props;
  if (props.problems.length === 0) return null;
  return (
    <details className="list-warnings" open>
      <summary>{t('lists.import.filesLeftOut', { count: props.problems.length })}</summary>
      <ul>
        {props.problems.map((p) => (
          <li key={p.file}>
            {t('lists.import.fileLeftOut', {
              file: isolate(p.file),
              line: p.fatal.line,
              message: listProblemText(t, p.fatal),
            })}
          </li>
        ))}
      </ul>
    </details>
  );
}

function IssueList(props: { warnings: readonly ParseIssue[]; total: number; t: Translate }) {
  const { t } = props;
  if (props.warnings.length === 0) return null;
  const rest = props.total - props.warnings.length;
  return (
    <details className="list-warnings" open>
      <summary>{t('lists.warnings.title')}</summary>
      <ul>
        {props.warnings.map((w, i) => (
          <li key={i}>
            {w.entry !== undefined
              ? t('lists.warnings.itemEntry', {
                  line: w.line,
                  entry: w.entry,
                  message: listProblemText(t, w),
                })
              : t('lists.warnings.item', { line: w.line, message: listProblemText(t, w) })}
          </li>
        ))}
      </ul>
      {rest > 0 ? <p>{t('lists.warnings.more', { count: rest })}</p> : null}
    </details>
  );
}
