import type { Insertable, Kysely, Selectable } from 'kysely';

import type { CaseInvitationsTable, DatabaseSchema } from '../db/schema';

export type InvitationRow = Selectable<CaseInvitationsTable>;
export type InvitationForInvitee = InvitationRow & { case_name: string; invited_by_name: string };

/** SQL for pending invitations to cases (accepted ones live in case_members). */
export class InvitationsRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  findById(id: string): Promise<InvitationRow | undefined> {
    return this.db.selectFrom('case_invitations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findForCase(caseId: string, usernameKey: string): Promise<InvitationRow | undefined> {
    return this.db
      .selectFrom('case_invitations')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('username_key', '=', usernameKey)
      .executeTakeFirst();
  }

  listForCase(caseId: string): Promise<InvitationRow[]> {
    return this.db
      .selectFrom('case_invitations')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('invited_at')
      .orderBy('username_key')
      .execute();
  }

  async countForCase(caseId: string): Promise<number> {
    const row = await this.db
      .selectFrom('case_invitations')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The invitee's pending invitations to live cases, with what they need to decide. */
  listForUser(userId: string): Promise<InvitationForInvitee[]> {
    return this.db
      .selectFrom('case_invitations')
      .innerJoin('cases', 'cases.id', 'case_invitations.case_id')
      .leftJoin('users as inviter', 'inviter.id', 'case_invitations.invited_by')
      .selectAll('case_invitations')
      .select(['cases.name as case_name'])
      .select((eb) => eb.fn.coalesce('inviter.display_name', eb.val('')).as('invited_by_name'))
      .where('case_invitations.user_id', '=', userId)
      .where('cases.deleted_at', 'is', null)
      .orderBy('case_invitations.invited_at')
      .orderBy('case_invitations.id')
      .execute();
  }

  async insert(row: Insertable<CaseInvitationsTable>): Promise<void> {
    await this.db.insertInto('case_invitations').values(row).execute();
  }

  /** A second invitation of the same username to the same case replaces the first's terms. */
  async renew(
    id: string,
    terms: Pick<InvitationRow, 'username' | 'user_id' | 'role' | 'invited_by' | 'invited_at'>,
  ): Promise<void> {
    await this.db.updateTable('case_invitations').set(terms).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('case_invitations').where('id', '=', id).execute();
  }
}
