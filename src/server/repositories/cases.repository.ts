import type { Insertable, Kysely, Selectable } from 'kysely';

import type { CaseRole } from '../../contract/cases.contract';
import type { CasesTable, DatabaseSchema } from '../db/schema';

export type CaseRow = Selectable<CasesTable>;
export type CaseWithRole = CaseRow & { role: CaseRole };

/** SQL for cases. Every read that lists cases goes through membership: a case is a tenant. */
export class CasesRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: Insertable<CasesTable>): Promise<void> {
    await this.db.insertInto('cases').values(row).execute();
  }

  findById(id: string): Promise<CaseRow | undefined> {
    return this.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listForMember(userId: string): Promise<CaseWithRole[]> {
    return this.db
      .selectFrom('cases')
      .innerJoin('case_members', 'case_members.case_id', 'cases.id')
      .selectAll('cases')
      .select('case_members.role')
      .where('case_members.user_id', '=', userId)
      .where('cases.deleted_at', 'is', null)
      .orderBy('cases.updated_at', 'desc')
      .orderBy('cases.id')
      .execute();
  }

  async setNoticeDisclosure(id: string, disclosure: string, at: string): Promise<void> {
    await this.db
      .updateTable('cases')
      .set({ notice_disclosure: disclosure, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  /** A rename that came through sync (the `cases` entity's name). */
  async rename(id: string, name: string, at: string): Promise<void> {
    await this.db
      .updateTable('cases')
      .set((eb) => ({ name, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  /** Records that the case changed (membership included): a later change log keys on the version. */
  async bump(id: string, at: string): Promise<void> {
    await this.db
      .updateTable('cases')
      .set((eb) => ({ updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }
}
