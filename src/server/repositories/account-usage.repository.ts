import { sql, type Kysely } from 'kysely';

import type { DatabaseSchema } from '../db/schema';

/** The budgets counted per account in fixed windows. */
export type WindowBudget = 'pushes' | 'lookups' | 'exportReports';

/**
 * SQL for per-account usage: counters in fixed time windows and the bytes of stored records. In the
 * database (not in memory), so every server process counts against the same budget.
 */
export class AccountUsageRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** What the account used in this window so far. */
  async used(userId: string, budget: WindowBudget, windowStart: number): Promise<number> {
    const row = await this.db
      .selectFrom('account_usage')
      .select('used')
      .where('user_id', '=', userId)
      .where('budget', '=', budget)
      .where('window_start', '=', windowStart)
      .executeTakeFirst();
    return row ? Number(row.used) : 0;
  }

  /** Adds `amount` to the window's counter (creating it) and returns the new total. */
  async add(userId: string, budget: WindowBudget, windowStart: number, amount: number): Promise<number> {
    const row = await this.db
      .insertInto('account_usage')
      .values({ user_id: userId, budget, window_start: windowStart, used: amount })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'budget', 'window_start'])
          .doUpdateSet({ used: sql`account_usage.used + ${amount}` }),
      )
      .returning('used')
      .executeTakeFirstOrThrow();
    return Number(row.used);
  }

  /** Forgets the account's windows that started before `before` (ms). */
  async dropWindowsBefore(userId: string, before: number): Promise<void> {
    await this.db
      .deleteFrom('account_usage')
      .where('user_id', '=', userId)
      .where('window_start', '<', before)
      .execute();
  }

  async storedBytes(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('account_storage')
      .select('bytes')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? Number(row.bytes) : 0;
  }

  async addStoredBytes(userId: string, delta: number): Promise<void> {
    if (delta === 0) return;
    await this.db
      .insertInto('account_storage')
      .values({ user_id: userId, bytes: Math.max(0, delta) })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({
          bytes: sql`case when account_storage.bytes + ${delta} < 0 then 0 else account_storage.bytes + ${delta} end`,
        }),
      )
      .execute();
  }
}
