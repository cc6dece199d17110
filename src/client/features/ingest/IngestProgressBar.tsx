import type { IngestProgress } from './ingest-run';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatBytes, formatDuration, formatRate } from './format';

/** Files, bytes, rate and time left; determinate when the total is known. */
export function IngestProgressBar(props: { progress: IngestProgress }) {
  const t = useT();
  const language = useLanguage();
  const p = props.progress;
  const handled = p.filesDone + p.skipped;
  const text = [
    t(p.totalKnown ? 'ingest.progress' : 'ingest.progressOpen', {
      done: handled,
      total: p.filesTotal,
      bytes: formatBytes(p.bytesDone, language),
      rate: formatRate(p.filesPerSecond, language),
    }),
    p.secondsLeft !== null && p.phase === 'running'
      ? t('ingest.timeLeft', { time: formatDuration(p.secondsLeft, language) })
      : '',
    p.skipped > 0 ? t('ingest.skippedSoFar', { count: p.skipped }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const percent = p.totalKnown && p.filesTotal > 0 ? (100 * handled) / p.filesTotal : null;
  return (
    <div className="ingest-progress">
      <div
        role="progressbar"
        aria-label={t('ingest.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={p.totalKnown ? p.filesTotal : undefined}
        aria-valuenow={p.totalKnown ? handled : undefined}
        aria-valuetext={text}
        className="progress-track"
      >
        <div
          className="progress-fill"
          style={{ inlineSize: percent === null ? '100%' : `${percent}%` }}
          data-indeterminate={percent === null}
        />
      </div>
      <p className="muted">{text}</p>
    </div>
  );
}
