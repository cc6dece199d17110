import { useLiveQuery } from 'dexie-react-hooks';

import type { MediaId } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import { formatWallClock } from '../../i18n/format-time';
import { useLanguage, useT } from '../../i18n/use-t';

/** Facts about the image under the cursor (never the image itself): paths, size, EXIF, series. */
export function MediaDetails(props: {
  db: WaymarkDatabase;
  id: MediaId | undefined;
  seriesLabel: (seriesId: string) => string;
  categoryLabel: (value: number | null) => string;
}) {
  const t = useT();
  const language = useLanguage();
  const data = useLiveQuery(async () => {
    if (!props.id) return null;
    const [media, files] = await Promise.all([
      props.db.media.get(props.id),
      props.db.files.where('mediaId').equals(props.id).toArray(),
    ]);
    return media ? { media, files } : null;
  }, [props.db, props.id]);
  if (!data) return null;
  const { media, files } = data;
  const exif = media.exif;
  const bytes = new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'kilobyte',
    maximumFractionDigits: 0,
  }).format(media.bytes / 1000);
  const rows: [string, string][] = [
    [t('details.series'), props.seriesLabel(media.seriesId)],
    [t('details.category'), props.categoryLabel(media.category)],
  ];
  if (exif?.make || exif?.model)
    rows.push([t('details.camera'), [exif.make, exif.model].filter(Boolean).join(' ')]);
  if (exif?.serial) rows.push([t('details.serial'), exif.serial]);
  if (exif?.capturedAt) rows.push([t('details.captured'), formatWallClock(exif.capturedAt, language)]);
  if (exif?.gps) rows.push([t('details.gps'), `${exif.gps.lat.toFixed(5)}, ${exif.gps.lon.toFixed(5)}`]);
  if (exif?.software) rows.push([t('details.software'), exif.software]);
  if (media.known > 0) rows.push([t('details.known'), String(media.known)]);
  rows.push([t('details.sha256'), media.sha256]);
  return (
    <section className="media-details" aria-label={t('details.title')}>
      <h3>{t('details.title')}</h3>
      <p>{t('details.size', { width: media.width, height: media.height, format: media.format, bytes })}</p>
      <h4>{t('details.paths', { count: files.length })}</h4>
      <ul>
        {files.map((f) => (
          <li key={f.id}>{f.path}</li>
        ))}
      </ul>
      <dl>
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {exif?.embeddedThumbnailDiffers ? <p className="error">{t('details.thumbDiffers')}</p> : null}
    </section>
  );
}
