import { useEffect, useId, useRef, useState, type DragEvent } from 'react';

import type { CaseId } from '../../../domain/case/ids';
import type { WaymarkDatabase } from '../../db/database';
import type { BatchOutcome } from '../../db/ingest.repository';
import { isolate } from '../../i18n/bidi-isolate';
import type { Translate } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { IngestProgressBar } from './IngestProgressBar';
import { entriesFromDrop, entriesFromFiles, isZip } from './ingest-sources';
import type { IngestFailure } from './ingest-run';
import { useIngest } from './use-ingest';
import { SECONDS_PER_HASH_RANGE, useVideoSettings } from './video-settings.store';
import './ingest.css';

/**
 * Add images: a file picker, a folder picker and a drop zone, then progress with pause and cancel.
 * Once the case has images and nothing is being added, it folds into one line (the buttons and the
 * last outcome): the workspace below is what the analyst came for.
 */
export function IngestPanel(props: {
  db: WaymarkDatabase;
  caseId: CaseId;
  hasImages?: boolean;
  afterBatch?: (outcome: BatchOutcome) => Promise<void> | void;
}) {
  const t = useT();
  const filesId = useId();
  const folderId = useId();
  const folderRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const ingest = useIngest(props.db, props.caseId, props.afterBatch);
  const p = ingest.progress;
  const busy = p?.phase === 'running' || p?.phase === 'paused';
  const compact = !busy && p?.phase !== 'failed' && (props.hasImages === true || p?.phase === 'done');

  useEffect(() => {
    // Not in React's typed props: the folder picker is switched on as a plain attribute.
    folderRef.current?.setAttribute('webkitdirectory', '');
  }, []);

  const addFiles = (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const files = [...list];
    const known = !files.some(isZip);
    ingest.start(
      entriesFromFiles(files),
      known ? { files: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) } : undefined,
    );
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    // Entries must be taken while the event is live; reading them happens later, lazily.
    const entries = [...event.dataTransfer.items]
      .map((item) => item.webkitGetAsEntry())
      .filter((e): e is FileSystemEntry => e !== null);
    if (entries.length > 0) ingest.start(entriesFromDrop(entries));
    // Drops without file-system entries (some platforms, synthetic drops) still carry the files.
    else addFiles(event.dataTransfer.files);
  };

  return (
    <section
      className={`ingest-panel${dragging ? ' dragging' : ''}${compact ? ' compact' : ''}`}
      aria-label={t('ingest.title')}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="ingest-actions">
        <label htmlFor={filesId} className="button primary">
          {t('ingest.addImages')}
        </label>
        <input
          id={filesId}
          className="visually-hidden"
          type="file"
          multiple
          onChange={(e) => {
            addFiles(e.target.files);
            e.target.value = '';
          }}
        />
        <label htmlFor={folderId} className="button">
          {t('ingest.addFolder')}
        </label>
        <input
          id={folderId}
          ref={folderRef}
          className="visually-hidden"
          type="file"
          multiple
          onChange={(e) => {
            addFiles(e.target.files);
            e.target.value = '';
          }}
        />
        {compact ? null : <span className="muted">{t('ingest.drop')}</span>}
        {compact ? null : <VideoSamplingInput />}
        {busy ? (
          <>
            {p.phase === 'paused' ? (
              <button type="button" className="button" onClick={ingest.resume}>
                {t('ingest.resume')}
              </button>
            ) : (
              <button type="button" className="button" onClick={ingest.pause}>
                {t('ingest.pause')}
              </button>
            )}
            <button type="button" className="button" onClick={ingest.cancel}>
              {t('common.cancel')}
            </button>
          </>
        ) : null}
      </div>
      {compact ? null : p ? (
        <IngestProgressBar progress={p} />
      ) : (
        <p className="muted">{t('ingest.privacy')}</p>
      )}
      <div role="status">
        {p?.phase === 'paused' ? t('ingest.paused') : null}
        {p?.phase === 'done'
          ? t('ingest.done', {
              created: p.created,
              duplicates: p.duplicates,
              skipped: p.skipped,
              failed: p.failed,
            })
          : null}
        {p?.phase === 'cancelled' ? t('ingest.cancelled') : null}
      </div>
      {p?.phase === 'failed' ? (
        <p role="alert" className="error">
          {failureText(t, p.failure)}
        </p>
      ) : null}
    </section>
  );
}

/** Video sampling for the next files added (persisted per user of this browser). */
function VideoSamplingInput() {
  const t = useT();
  const id = useId();
  const { secondsPerHash, setSecondsPerHash } = useVideoSettings();
  return (
    <span className="ingest-video-sampling">
      <label htmlFor={id}>{t('ingest.video.secondsPerHash')}</label>
      <input
        id={id}
        type="number"
        min={SECONDS_PER_HASH_RANGE.min}
        max={SECONDS_PER_HASH_RANGE.max}
        step={0.5}
        value={secondsPerHash}
        onChange={(e) => setSecondsPerHash(Number(e.target.value))}
      />
    </span>
  );
}

/** Why adding images stopped, in the analyst's language (the browser's words only as a detail). */
function failureText(t: Translate, failure: IngestFailure | undefined): string {
  switch (failure?.kind) {
    case 'quota':
      return t('ingest.quota');
    case 'archive':
      return t('ingest.failed', {
        reason: t('ingest.archiveUnreadable', {
          archive: isolate(failure.archive),
          detail: isolate(failure.detail),
        }),
      });
    default:
      return t('ingest.failed', {
        reason: t('error.unexpected', { detail: isolate(failure?.detail ?? '?') }),
      });
  }
}
