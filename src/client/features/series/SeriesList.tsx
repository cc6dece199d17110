import { useState } from 'react';

import { UNSORTED, type SeriesId } from '../../../domain/case/media';
import { useT } from '../../i18n/use-t';
import { seriesName } from './series-name';
import type { SeriesRecord } from '../../db/records';
import type { SeriesVideoCounts } from '../../db/media.repository';

const PAGE = 200;

/** The case's series with their counts, the unsorted bucket last; choosing one filters the grid. */
export function SeriesList(props: {
  series: readonly SeriesRecord[];
  unsorted: number;
  /** Videos per series: counted apart from images (the sizes count every member). */
  videos?: ReadonlyMap<SeriesId, SeriesVideoCounts> | undefined;
  active: SeriesId | undefined;
  onChoose: (id: SeriesId | undefined) => void;
}) {
  const t = useT();
  const [shown, setShown] = useState(PAGE);
  const item = (id: SeriesId, name: string, count: number) => (
    <li key={id || 'unsorted'}>
      <button
        type="button"
        className="series-item"
        aria-pressed={props.active === id}
        onClick={() => props.onChoose(props.active === id ? undefined : id)}
      >
        <span className="series-name">{name}</span>
        <span className="muted">{countText(id, count)}</span>
      </button>
    </li>
  );
  function countText(id: SeriesId, size: number): string {
    const v = props.videos?.get(id);
    if (!v || (v.members === 0 && v.linked === 0)) return t('series.count', { count: size });
    const parts = [t('series.count', { count: Math.max(0, size - v.members) })];
    if (v.members > 0) parts.push(t('series.videoCount', { count: v.members }));
    if (v.linked > 0) parts.push(t('series.linkedVideoCount', { count: v.linked }));
    return parts.join(', ');
  }
  const rest = props.series.length - shown;
  return (
    <nav className="series-list" aria-labelledby="series-list-title">
      <h2 id="series-list-title">{t('series.list')}</h2>
      <button
        type="button"
        className="series-item"
        aria-pressed={props.active === undefined}
        onClick={() => props.onChoose(undefined)}
      >
        {t('series.all')}
      </button>
      <ul aria-label={t('series.list')}>
        {props.series.slice(0, shown).map((s) => item(s.id, seriesName(t, s), s.size))}
        {item(UNSORTED, t('series.unsorted'), props.unsorted)}
      </ul>
      {rest > 0 ? (
        <button type="button" className="button" onClick={() => setShown((n) => n + PAGE)}>
          {t('series.showMore', { count: Math.min(PAGE, rest) })}
        </button>
      ) : null}
    </nav>
  );
}
