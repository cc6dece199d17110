import type { Translate } from '../../i18n/translate';
import type { SeriesRecord } from '../../db/records';

/** A series' shown name: the analyst's, else "Series <number>". */
export function seriesName(t: Translate, series: Pick<SeriesRecord, 'name' | 'number'>): string {
  return series.name || t('series.defaultName', { number: series.number });
}
