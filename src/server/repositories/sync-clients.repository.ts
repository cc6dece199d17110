import type { Insertable, Kysely, Selectable } from 'kysely';

import type { DatabaseSchema, SyncMutationsTable } from '../db/schema';

export interface SyncClientState {
  readonly userId: string;
  readonly lastSeq: number;
}

/** SQL for push bookkeeping: which user a client belongs to, how far it got, which mutations were seen. */
export class SyncClientsRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /**
   * The client's row, created for `userId` when new, and locked until commit (an UPDATE takes the row
   * lock on PostgreSQL), so two pushes of one client run one after the other.
   */
  async claim(clientId: string, userId: string, at: string): Promise<SyncClientState> {
    await this.db
      .insertInto('sync_clients')
      .values({ client_id: clientId, user_id: userId, last_seq: 0, created_at: at, last_push_at: null })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .execute();
    const row = await this.db
      .updateTable('sync_clients')
      .set({ last_push_at: at })
      .where('client_id', '=', clientId)
      .returning(['user_id', 'last_seq'])
      .executeTakeFirstOrThrow();
    return { userId: row.user_id, lastSeq: Number(row.last_seq) };
  }

  async find(clientId: string): Promise<SyncClientState | undefined> {
    const row = await this.db
      .selectFrom('sync_clients')
      .select(['user_id', 'last_seq'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row ? { userId: row.user_id, lastSeq: Number(row.last_seq) } : undefined;
  }

  async setLastSeq(clientId: string, lastSeq: number): Promise<void> {
    await this.db
      .updateTable('sync_clients')
      .set({ last_seq: lastSeq })
      .where('client_id', '=', clientId)
      .execute();
  }

  /** Which of these mutation ids were handled before. */
  async seenMutations(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('sync_mutations')
      .select('mutation_id')
      .where('mutation_id', 'in', ids)
      .execute();
    return new Set(rows.map((r) => r.mutation_id));
  }

  async recordMutations(rows: readonly Insertable<SyncMutationsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100)
      await this.db
        .insertInto('sync_mutations')
        .values(rows.slice(i, i + 100))
        .execute();
  }

  list(clientId: string): Promise<Selectable<SyncMutationsTable>[]> {
    return this.db.selectFrom('sync_mutations').selectAll().where('client_id', '=', clientId).execute();
  }
}
