import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';

import type { MediaId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import { linksOf, type SeriesLinkRecord } from '../../db/grouping-signals.repository';
import { useT } from '../../i18n/use-t';
import { evidenceLines } from './link-evidence';
import { PairView } from './PairView';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * "Why in this series" for the image under the cursor: each link that holds it in its series, with
 * the evidence in words, and a pair view to compare the two images (blurred, as everywhere).
 */
export function SeriesEvidence(props: { db: WaymarkDatabase; id: MediaId | undefined }) {
  const t = useT();
  const [open, setOpen] = useState<SeriesLinkRecord | null>(null);
  const data = useLiveQuery(async () => {
    if (!props.id) return null;
    const links = await linksOf(props.db, props.id);
    const partners = await props.db.media.bulkGet(
      links.map((l) => (l.a === props.id ? l.b : l.a) as MediaId),
    );
    return links.map((link, k) => ({ link, name: baseName(partners[k]?.firstPath ?? '') }));
  }, [props.db, props.id]);
  if (!props.id || !data) return null;
  const self = props.id;
  return (
    <section className="series-evidence" aria-label={t('pair.why')}>
      <h3>{t('pair.why')}</h3>
      {data.length === 0 ? <p className="muted">{t('pair.none')}</p> : null}
      <ul>
        {data.map(({ link, name }) => (
          <li key={link.id}>
            <strong>{t('pair.with', { name })}</strong>
            {evidenceLines(t, link, self).map((line) => (
              <span key={line} className="evidence-line">
                {line}
              </span>
            ))}
            <button
              type="button"
              className="button"
              aria-label={t('pair.compareWith', { name })}
              onClick={() => setOpen(link)}
            >
              {t('pair.compare')}
            </button>
          </li>
        ))}
      </ul>
      {open ? <PairView db={props.db} link={open} self={self} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
