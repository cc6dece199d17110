import { useLiveQuery } from 'dexie-react-hooks';

import type { CaseId } from '../../../domain/case/ids';
import type { SeriesId } from '../../../domain/case/media';
import { getCase } from '../../db/cases.repository';
import { listSeriesClues } from '../../db/clues.repository';
import type { WaymarkDatabase } from '../../db/database';
import { getAnalystName, getLead, leadOrNew, listLeadEvents } from '../../db/leads.repository';
import { queryGridIds } from '../../db/media.repository';
import { listNoteRevisions } from '../../db/notes.repository';
import type { MediaRecord } from '../../db/records';

/** Everything the series leads page shows, live from the database. */
export function useSeriesLeads(db: WaymarkDatabase, caseId: string, seriesId: string) {
  const header = useLiveQuery(async () => {
    const [record, series] = await Promise.all([
      getCase(db, caseId as CaseId),
      db.series.get(seriesId as SeriesId),
    ]);
    return record && series && series.caseId === record.id ? { record, series } : null;
  }, [db, caseId, seriesId]);
  const media = useLiveQuery(async () => {
    const ids = await queryGridIds(db, caseId as CaseId, { seriesId: seriesId as SeriesId });
    return (await db.media.bulkGet(ids)).filter((m): m is MediaRecord => m !== undefined);
  }, [db, caseId, seriesId]);
  const clues = useLiveQuery(() => listSeriesClues(db, seriesId), [db, seriesId]);
  const stored = useLiveQuery(async () => (await getLead(db, seriesId)) ?? null, [db, seriesId]);
  const events = useLiveQuery(() => listLeadEvents(db, seriesId), [db, seriesId]);
  const notes = useLiveQuery(() => listNoteRevisions(db, seriesId), [db, seriesId]);
  const analyst = useLiveQuery(async () => (await getAnalystName(db)) ?? '', [db]);
  const lead =
    stored === undefined ? undefined : leadOrNew(stored ?? undefined, { caseId, seriesId }, '', '');
  return {
    header,
    media: media ?? [],
    clues: clues ?? [],
    lead,
    events: events ?? [],
    notes: notes ?? [],
    analyst,
  };
}
