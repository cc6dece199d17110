import type { Insertable, Kysely, Selectable } from 'kysely';

import type { CaseBreakGlassTable, DatabaseSchema } from '../db/schema';

export type BreakGlassRow = Selectable<CaseBreakGlassTable>;
export type BreakGlassWithUser = BreakGlassRow & { username: string; display_name: string };

/** SQL for break-glass grants: administrators' time-limited access to manage a case's members. */
export class BreakGlassRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: Insertable<CaseBreakGlassTable>): Promise<void> {
    await this.db.insertInto('case_break_glass').values(row).execute();
  }

  /** Whether `userId` holds a grant on the case that is live at `nowIso`. */
  async isLive(caseId: string, userId: string, nowIso: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('case_break_glass')
      .select('id')
      .where('case_id', '=', caseId)
      .where('user_id', '=', userId)
      .where('expires_at', '>', nowIso)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The case's openings, newest first. */
  listForCase(caseId: string, limit: number): Promise<BreakGlassWithUser[]> {
    return this.db
      .selectFrom('case_break_glass')
      .innerJoin('users', 'users.id', 'case_break_glass.user_id')
      .selectAll('case_break_glass')
      .select(['users.username', 'users.display_name'])
      .where('case_break_glass.case_id', '=', caseId)
      .orderBy('case_break_glass.opened_at', 'desc')
      .orderBy('case_break_glass.id', 'desc')
      .limit(limit)
      .execute();
  }
}
