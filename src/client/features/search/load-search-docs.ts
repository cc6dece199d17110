import { buildSearchDocs, type SeriesSearchDoc } from '../../../domain/leads/lead-search';
import type { WaymarkDatabase } from '../../db/database';
import type { CaseRecord, SeriesRecord } from '../../db/records';

/**
 * Everything search needs, across all cases of this browser: leads, clues, notes and the camera
 * serials of media in a series. Read once per change (useLiveQuery) and matched in memory; a case
 * holds a few hundred annotated series at most, and serials are read from media that carry one.
 */
export interface SearchData {
  readonly docs: readonly SeriesSearchDoc[];
  readonly cases: ReadonlyMap<string, CaseRecord>;
  readonly series: ReadonlyMap<string, SeriesRecord>;
}

export async function loadSearchData(db: WaymarkDatabase): Promise<SearchData> {
  return db.transaction(
    'r',
    [db.seriesLeads, db.clueRevisions, db.noteRevisions, db.media, db.cases, db.series],
    async () => {
      const [leads, clues, notes, cases, series] = await Promise.all([
        db.seriesLeads.toArray(),
        db.clueRevisions.toArray(),
        db.noteRevisions.toArray(),
        db.cases.toArray(),
        db.series.toArray(),
      ]);
      const serials: { caseId: string; seriesId: string; serial: string }[] = [];
      const seen = new Set<string>();
      await db.media
        .filter((m) => Boolean(m.exif?.serial) && m.seriesId !== '')
        .each((m) => {
          const key = `${m.seriesId}|${m.exif?.serial ?? ''}`;
          if (seen.has(key)) return;
          seen.add(key);
          serials.push({ caseId: m.caseId, seriesId: m.seriesId, serial: m.exif?.serial ?? '' });
        });
      return {
        docs: buildSearchDocs({ leads, clues, notes, serials }),
        cases: new Map(cases.map((c) => [c.id, c])),
        series: new Map(series.map((s) => [s.id, s])),
      };
    },
  );
}
