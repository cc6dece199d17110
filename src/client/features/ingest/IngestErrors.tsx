import { useLiveQuery } from 'dexie-react-hooks';

import type { CaseId } from '../../../domain/case/ids';
import type { WaymarkDatabase } from '../../db/database';
import { useT } from '../../i18n/use-t';

const SHOWN = 200;

/** Files that could not be added, one readable line each; kept with the case. */
export function IngestErrors(props: { db: WaymarkDatabase; caseId: CaseId }) {
  const t = useT();
  const count = useLiveQuery(
    () => props.db.ingestErrors.where('caseId').equals(props.caseId).count(),
    [props.db, props.caseId],
  );
  const rows = useLiveQuery(
    () => props.db.ingestErrors.where('caseId').equals(props.caseId).limit(SHOWN).toArray(),
    [props.db, props.caseId],
  );
  if (!count || !rows) return null;
  return (
    <section className="ingest-errors" aria-labelledby="ingest-errors-title">
      <h2 id="ingest-errors-title">{t('ingest.errors')}</h2>
      <p className="muted">{t('ingest.errorsCount', { count })}</p>
      <ul aria-label={t('ingest.errors')}>
        {rows
          .sort((a, b) => a.path.localeCompare(b.path))
          .map((row) => (
            <li key={row.id}>
              {t('ingest.errorRow', {
                path: row.path,
                message:
                  row.reason === 'unreadable' ? t('ingest.unreadable', { detail: row.message }) : row.message,
              })}
            </li>
          ))}
      </ul>
    </section>
  );
}
