import { useId } from 'react';

import { useT } from '../../i18n/use-t';
import { HashResultsTable } from './HashResultsTable';
import { useHashBatch } from './use-hash-batch';
import './hash-tool.css';

/**
 * "Hash check": an analyst picks files and reads their MD5 / SHA-1 / SHA-256 / PDQ, computed in this
 * browser by the same worker pipeline as ingest. Nothing is stored.
 */
export function HashToolScreen() {
  const t = useT();
  const inputId = useId();
  const { rows, progress, cancelled, hash, cancel, clear } = useHashBatch();
  const running = progress !== null && progress.filesDone < progress.filesTotal && !cancelled;

  let status = '';
  if (progress && progress.filesTotal > 0) {
    const params = {
      done: progress.filesDone,
      total: progress.filesTotal,
      rate: Math.round(progress.filesPerSecond * 10) / 10,
    };
    status = cancelled
      ? t('hashTool.cancelled', params)
      : running && progress.etaSeconds !== null
        ? t('hashTool.progressEta', { ...params, eta: Math.ceil(progress.etaSeconds) })
        : t('hashTool.progress', params);
  }

  return (
    <div className="screen hash-tool">
      <div className="screen-header">
        <h1>{t('hashTool.title')}</h1>
      </div>
      <p className="muted">{t('hashTool.intro')}</p>
      <div className="hash-tool-controls">
        <label htmlFor={inputId}>{t('hashTool.input')}</label>
        <input
          id={inputId}
          type="file"
          multiple
          onChange={(event) => {
            const files = Array.from(event.currentTarget.files ?? []);
            event.currentTarget.value = '';
            hash(files);
          }}
        />
        <button type="button" className="button" onClick={cancel} disabled={!running}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button" onClick={clear} disabled={rows.length === 0}>
          {t('hashTool.clear')}
        </button>
      </div>
      <p role="status" aria-live="polite" className="hash-tool-status">
        {status}
      </p>
      {rows.length > 0 ? <HashResultsTable rows={rows} cancelled={cancelled} /> : null}
    </div>
  );
}
