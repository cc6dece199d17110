import type { Insertable, Kysely, Selectable } from 'kysely';

import type { AuditLogTable, DatabaseSchema } from '../db/schema';

export type AuditRow = Selectable<AuditLogTable>;

/**
 * SQL for the audit trail. Invariant: appends happen only between `claimNext` and `setHeadHash` in
 * one transaction; `claimNext` takes the audit_head row lock (PostgreSQL) or the write lock
 * (SQLite), so seq is gapless and each entry chains to the one committed before it.
 */
export class AuditRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Moves the head forward by one and returns the new seq with the previous hash. */
  claimNext(): Promise<{ seq: number; hash: string }> {
    return this.db
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow();
  }

  async insert(row: Insertable<AuditLogTable>): Promise<void> {
    await this.db.insertInto('audit_log').values(row).execute();
  }

  async setHeadHash(seq: number, hash: string): Promise<void> {
    await this.db
      .updateTable('audit_head')
      .set({ hash })
      .where('id', '=', 1)
      .where('seq', '=', seq)
      .execute();
  }

  head(): Promise<{ seq: number; hash: string }> {
    return this.db
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
  }

  page(afterSeq: number, limit: number): Promise<AuditRow[]> {
    return this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }
}
