import type { Insertable, Kysely } from 'kysely';

import type { DatabaseSchema, SyncMatchesTable } from '../db/schema';

/** SQL for deconfliction matches: which media of a case matched another case, and how. */
export class SyncMatchesRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insertIfAbsent(rows: readonly Insertable<SyncMatchesTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100)
      await this.db
        .insertInto('sync_matches')
        .values(rows.slice(i, i + 100))
        .onConflict((oc) => oc.columns(['case_id', 'other_case_id', 'media_id', 'kind']).doNothing())
        .execute();
  }

  /**
   * For several series of one case at once: how many of their live media have a match in `otherCaseId`,
   * and by which kinds (series without any are absent). Driven from the series' media (an index range
   * each), then the matches by primary key, and aggregated in the database: a few rows per series
   * whatever the number of matches.
   */
  async summaries(
    caseId: string,
    otherCaseId: string,
    seriesIds: readonly string[],
  ): Promise<Map<string, { matchedImages: number; kinds: string[] }>> {
    const out = new Map<string, { matchedImages: number; kinds: string[] }>();
    if (seriesIds.length === 0) return out;
    // The media of these series matched in the other case (live records only), counted per series
    // and per kind, and per series across kinds.
    const matched = () =>
      this.db
        .selectFrom('sync_entities as e')
        .innerJoin('sync_matches as m', (join) =>
          join
            .onRef('m.case_id', '=', 'e.case_id')
            .onRef('m.media_id', '=', 'e.id')
            .on('m.other_case_id', '=', otherCaseId),
        )
        .where('e.case_id', '=', caseId)
        .where('e.entity', '=', 'media')
        .where('e.series_id', 'in', [...seriesIds])
        .where('e.deleted', '=', 0);
    const rows = await matched()
      .select((eb) => [
        'e.series_id',
        'm.kind',
        eb.fn.count<string | number>('m.media_id').distinct().as('n'),
      ])
      .groupBy(['e.series_id', 'm.kind'])
      .execute();
    const images = await matched()
      .select((eb) => ['e.series_id', eb.fn.count<string | number>('m.media_id').distinct().as('n')])
      .groupBy('e.series_id')
      .execute();
    for (const row of images) out.set(row.series_id ?? '', { matchedImages: Number(row.n), kinds: [] });
    for (const row of rows) out.get(row.series_id ?? '')?.kinds.push(row.kind);
    for (const summary of out.values()) summary.kinds.sort();
    return out;
  }
}
