import type { Insertable, Kysely, Selectable } from 'kysely';

import type { DatabaseSchema, UsersTable } from '../db/schema';

export type UserRow = Selectable<UsersTable>;

/** SQL for users. Bound parameters only: names are stored exactly as given. */
export class UsersRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: Insertable<UsersTable>): Promise<void> {
    await this.db.insertInto('users').values(row).execute();
  }

  findByKey(usernameKey: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username_key', '=', usernameKey).executeTakeFirst();
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().orderBy('username_key').execute();
  }

  async setPasswordHash(id: string, passwordHash: string, at: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  async setDisabledAt(id: string, disabledAt: string | null, at: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ disabled_at: disabledAt, updated_at: at })
      .where('id', '=', id)
      .execute();
  }
}
