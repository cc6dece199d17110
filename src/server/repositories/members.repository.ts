import type { Insertable, Kysely, Selectable } from 'kysely';

import type { CaseRole } from '../../contract/cases.contract';
import type { CaseMembersTable, DatabaseSchema } from '../db/schema';

export type MemberRow = Selectable<CaseMembersTable>;
export type MemberWithUser = MemberRow & {
  username: string;
  display_name: string;
  organization: string;
  contact: string;
};

/** SQL for case membership (who may do what on which case). */
export class MembersRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  find(caseId: string, userId: string): Promise<MemberRow | undefined> {
    return this.db
      .selectFrom('case_members')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  list(caseId: string): Promise<MemberWithUser[]> {
    return this.db
      .selectFrom('case_members')
      .innerJoin('users', 'users.id', 'case_members.user_id')
      .selectAll('case_members')
      .select(['users.username', 'users.display_name', 'users.organization', 'users.contact'])
      .where('case_members.case_id', '=', caseId)
      .orderBy('case_members.added_at')
      .orderBy('users.username_key')
      .execute();
  }

  async insert(row: Insertable<CaseMembersTable>): Promise<void> {
    await this.db.insertInto('case_members').values(row).execute();
  }

  async setRole(caseId: string, userId: string, role: CaseRole, at: string): Promise<void> {
    await this.db
      .updateTable('case_members')
      .set({ role, updated_at: at })
      .where('case_id', '=', caseId)
      .where('user_id', '=', userId)
      .execute();
  }

  async delete(caseId: string, userId: string): Promise<void> {
    await this.db
      .deleteFrom('case_members')
      .where('case_id', '=', caseId)
      .where('user_id', '=', userId)
      .execute();
  }

  async countOwners(caseId: string): Promise<number> {
    const row = await this.db
      .selectFrom('case_members')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('case_id', '=', caseId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
