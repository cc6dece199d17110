import type { Insertable, Kysely, Selectable } from 'kysely';

import type { DatabaseSchema, SessionsTable, UsersTable } from '../db/schema';

export type SessionWithUser = Selectable<SessionsTable> & {
  username: UsersTable['username'];
  display_name: UsersTable['display_name'];
  organization: UsersTable['organization'];
  contact: UsersTable['contact'];
  is_admin: UsersTable['is_admin'];
  disabled_at: UsersTable['disabled_at'];
};

/** SQL for sessions, looked up by the SHA-256 of the token only. */
export class SessionsRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: Insertable<SessionsTable>): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  findWithUser(tokenHash: string): Promise<SessionWithUser | undefined> {
    return this.withUser().where('sessions.token_hash', '=', tokenHash).executeTakeFirst();
  }

  findManyWithUser(tokenHashes: readonly string[]): Promise<SessionWithUser[]> {
    if (tokenHashes.length === 0) return Promise.resolve([]);
    return this.withUser().where('sessions.token_hash', 'in', tokenHashes).execute();
  }

  private withUser() {
    return this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('sessions')
      .select([
        'users.username',
        'users.display_name',
        'users.organization',
        'users.contact',
        'users.is_admin',
        'users.disabled_at',
      ]);
  }

  async touch(tokenHash: string, at: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: at })
      .where('token_hash', '=', tokenHash)
      .execute();
  }

  async delete(tokenHash: string): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteAllForUser(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Sessions past their absolute end, or idle since before `idleBefore`. */
  async deleteExpired(now: string, idleBefore: string): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
