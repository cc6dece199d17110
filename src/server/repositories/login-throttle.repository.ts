import type { Kysely } from 'kysely';

import type { DatabaseSchema } from '../db/schema';

/**
 * SQL for sign-in throttling (see 0004-login-throttle). `lock` must run inside a transaction: it
 * creates missing rows and takes each row's lock (an UPDATE that changes nothing; portable, where
 * SELECT … FOR UPDATE is not) in key order, so two attempts never deadlock and never both read a
 * value the other is about to move.
 */
export class LoginThrottleRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async lock(keys: readonly string[]): Promise<Map<string, number>> {
    const sorted = [...new Set(keys)].sort();
    const values = new Map<string, number>();
    if (sorted.length === 0) return values;
    await this.db
      .insertInto('login_throttle')
      .values(sorted.map((key) => ({ key, tat_ms: 0 })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    for (const key of sorted) {
      const row = await this.db
        .updateTable('login_throttle')
        .set((eb) => ({ tat_ms: eb.ref('tat_ms') }))
        .where('key', '=', key)
        .returning('tat_ms')
        .executeTakeFirstOrThrow();
      values.set(key, Number(row.tat_ms));
    }
    return values;
  }

  async set(key: string, tatMs: number): Promise<void> {
    await this.db.updateTable('login_throttle').set({ tat_ms: tatMs }).where('key', '=', key).execute();
  }

  /** Rows whose time has passed limit nothing: the sweep keeps the table small. */
  async deleteSpent(nowMs: number): Promise<number> {
    const result = await this.db.deleteFrom('login_throttle').where('tat_ms', '<=', nowMs).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async isKnownSource(usernameKey: string, ip: string, since: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('login_known_sources')
      .select('ip')
      .where('username_key', '=', usernameKey)
      .where('ip', '=', ip)
      .where('last_success_at', '>=', since)
      .executeTakeFirst();
    return row !== undefined;
  }

  async rememberSource(usernameKey: string, ip: string, at: string): Promise<void> {
    await this.db
      .insertInto('login_known_sources')
      .values({ username_key: usernameKey, ip, last_success_at: at })
      .onConflict((oc) => oc.columns(['username_key', 'ip']).doUpdateSet({ last_success_at: at }))
      .execute();
  }

  async forgetSourcesBefore(at: string): Promise<number> {
    const result = await this.db
      .deleteFrom('login_known_sources')
      .where('last_success_at', '<', at)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
