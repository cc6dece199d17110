import { useT } from '../../i18n/use-t';

const BINS = 24;

/**
 * Capture times as a histogram over the series' span (EXIF times have no zone, so they are compared
 * as written). A plain SVG: it prints as it shows, and the first and last times are written out.
 */
export function CaptureTimeline(props: { times: readonly string[] }) {
  const t = useT();
  const ms = props.times.map((s) => Date.parse(`${s}Z`)).filter((n) => Number.isFinite(n));
  if (ms.length === 0) return null;
  const first = Math.min(...ms);
  const last = Math.max(...ms);
  const span = Math.max(1, last - first);
  const bins = new Array<number>(BINS).fill(0);
  for (const m of ms) bins[Math.min(BINS - 1, Math.floor(((m - first) / span) * BINS))]! += 1;
  const peak = Math.max(...bins);
  const fmt = (n: number) => new Date(n).toISOString().slice(0, 19).replace('T', ' ');
  return (
    <figure className="timeline" dir="ltr">
      <svg
        viewBox={`0 0 ${BINS * 10} 60`}
        role="img"
        aria-label={t('report.timelineLabel', { count: ms.length, first: fmt(first), last: fmt(last) })}
      >
        {bins.map((n, i) => (
          <rect
            key={i}
            x={i * 10 + 1}
            width={8}
            y={60 - (n / peak) * 56}
            height={(n / peak) * 56}
            className="bar"
          />
        ))}
        <line x1={0} x2={BINS * 10} y1={59.5} y2={59.5} className="axis" />
      </svg>
      <figcaption className="timeline-ends">
        <span>{fmt(first)}</span>
        <span>{fmt(last)}</span>
      </figcaption>
    </figure>
  );
}
