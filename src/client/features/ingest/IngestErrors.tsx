import { useLiveQuery } from 'dexie-react-hooks';

import type { CaseId } from '../../../domain/case/ids';
import type { IngestErrorRecord } from '../../../domain/case/media';
import type { WaymarkDatabase } from '../../db/database';
import { VIDEO_INCOMPLETE } from '../../db/ingest.repository';
import { hashDetailText, hashProblemText } from '../../i18n/hash-problem-text';
import type { Translate } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';

const SHOWN = 200;

/** Files that could not be added, one readable line each (what the decoder said under it); kept with the case. */
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
          .map((row) => {
            const detail = row.problem ? hashDetailText(t, row.detail) : null;
            return (
              <li key={row.id}>
                {t('ingest.errorRow', { path: row.path, message: failureText(t, row) })}
                {detail ? <span className="ingest-error-detail">{detail}</span> : null}
              </li>
            );
          })}
      </ul>
    </section>
  );
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** A row's failure in the analyst's language; rows stored before failures were codes keep their sentence. */
function failureText(t: Translate, row: IngestErrorRecord): string {
  if (row.problem) return hashProblemText(t, row.problem);
  // Not a failure: a video added with the hashes of the part that decoded.
  if (row.reason === VIDEO_INCOMPLETE && row.incomplete)
    return t('ingest.video.incomplete', {
      decoded: seconds(row.incomplete.decodedMs),
      total: seconds(row.incomplete.durationMs),
    });
  const legacy = row.message ?? row.reason;
  return row.reason === 'unreadable' ? t('ingest.unreadable', { detail: legacy }) : legacy;
}
