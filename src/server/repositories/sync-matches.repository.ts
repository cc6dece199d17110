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

  /** Live media of (case, series) with a match in `otherCaseId`, and the kinds of those matches. */
  async summary(
    caseId: string,
    seriesId: string,
    otherCaseId: string,
  ): Promise<{ matchedImages: number; kinds: string[] }> {
    const rows = await this.db
      .selectFrom('sync_matches as m')
      .innerJoin('sync_entities as e', (join) =>
        join
          .onRef('e.case_id', '=', 'm.case_id')
          .on('e.entity', '=', 'media')
          .onRef('e.id', '=', 'm.media_id'),
      )
      .select(['m.media_id', 'm.kind'])
      .where('m.case_id', '=', caseId)
      .where('m.other_case_id', '=', otherCaseId)
      .where('e.series_id', '=', seriesId)
      .where('e.deleted', '=', 0)
      .execute();
    return {
      matchedImages: new Set(rows.map((r) => r.media_id)).size,
      kinds: [...new Set(rows.map((r) => r.kind))].sort(),
    };
  }
}
