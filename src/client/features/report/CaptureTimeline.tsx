import type { CaptureTimeline as Timeline } from '../../../domain/leads/series-summary';
import { formatWallClock } from '../../i18n/format-time';
import { useLanguage, useT } from '../../i18n/use-t';

/**
 * Capture times as a histogram over the series' span: a plain SVG, so it prints as it shows, with the
 * first and last times written out. Time runs left to right in every language (dir="ltr").
 */
export function CaptureTimeline(props: { timeline: Timeline }) {
  const t = useT();
  const language = useLanguage();
  // Camera clocks, zone unknown: shown as the cameras wrote them.
  const show = (time: string) => formatWallClock(time, language);
  const { bins, first, last } = props.timeline;
  const peak = Math.max(1, ...bins);
  const count = bins.reduce((a, b) => a + b, 0);
  return (
    <figure className="timeline" dir="ltr">
      <svg
        viewBox={`0 0 ${bins.length * 10} 60`}
        role="img"
        aria-label={t('report.timelineLabel', { count, first: show(first), last: show(last) })}
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
        <line x1={0} x2={bins.length * 10} y1={59.5} y2={59.5} className="axis" />
      </svg>
      <figcaption className="timeline-ends">
        <span>{show(first)}</span>
        <span>{show(last)}</span>
      </figcaption>
    </figure>
  );
}
