import type { Kysely } from 'kysely';

import type { DatabaseSchema } from '../db/schema';

/** SQL for the cases each session has downloaded (audited once per session and case: case.read). */
export class SessionCaseReadsRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /**
   * Records that the session read these cases; returns the ones it had not read before. One
   * statement, so two requests of one session racing each other report each case once.
   */
  async firstReads(tokenHash: string, caseIds: readonly string[], at: string): Promise<string[]> {
    if (caseIds.length === 0) return [];
    const rows = await this.db
      .insertInto('session_case_reads')
      .values([...new Set(caseIds)].map((case_id) => ({ token_hash: tokenHash, case_id, at })))
      .onConflict((oc) => oc.columns(['token_hash', 'case_id']).doNothing())
      .returning('case_id')
      .execute();
    return rows.map((r) => r.case_id).sort();
  }
}
