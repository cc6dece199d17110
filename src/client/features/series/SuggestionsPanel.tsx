import { useLiveQuery } from 'dexie-react-hooks';

import type { CaseId } from '../../../domain/case/ids';
import type { SeriesId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import { acceptSuggestion, closeSuggestion, listOpenSuggestions } from '../../db/suggestions.repository';
import { useT } from '../../i18n/use-t';
import { seriesName } from './series-name';
import type { SeriesRecord } from '../../db/records';

/** Metadata suggestions to accept (merge) or dismiss; never applied silently. */
export function SuggestionsPanel(props: {
  db: WaymarkDatabase;
  caseId: CaseId;
  series: readonly SeriesRecord[];
  onMerged: (id: SeriesId) => void;
}) {
  const t = useT();
  const open = useLiveQuery(() => listOpenSuggestions(props.db, props.caseId), [props.db, props.caseId]);
  if (!open || open.length === 0) return null;
  return (
    <section className="suggestions" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('suggest.title')}</h2>
      <ul aria-label={t('suggest.title')}>
        {open.map((s) => {
          const names = s.seriesIds
            .map((id) => props.series.find((x) => x.id === id))
            .filter((x) => x !== undefined)
            .map((x) => seriesName(t, x));
          names.push(t('series.count', { count: s.mediaIds.length }));
          return (
            <li key={s.id}>
              <p>
                {t('suggest.sameShoot', {
                  camera: s.camera ?? '',
                  minutes: Math.max(1, Math.round((s.spanSeconds ?? 0) / 60)),
                  names: names.join(', '),
                })}
              </p>
              <button
                type="button"
                className="button"
                onClick={() =>
                  void acceptSuggestion(props.db, props.caseId, s.id).then((id) =>
                    id ? props.onMerged(id) : undefined,
                  )
                }
              >
                {t('suggest.accept')}
              </button>{' '}
              <button
                type="button"
                className="button"
                onClick={() => void closeSuggestion(props.db, s.id, 'dismissed')}
              >
                {t('suggest.dismiss')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
