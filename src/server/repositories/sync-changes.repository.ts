import type { Insertable, Kysely, Selectable } from 'kysely';

import { DECONFLICTION_CURSOR_KEY, PG_INDEX_FILLED_KEY } from '../db/migrations/0006-scale-out';
import type { DatabaseSchema, SyncChangesTable } from '../db/schema';

export type ChangeRow = Selectable<SyncChangesTable>;

const MIN_CURSOR_KEY = 'sync_min_cursor';

/**
 * SQL for the change log and its counter. Invariant: rows are inserted only by a transaction that
 * called `lockCounter` first and `setCounter` last, so seq order is commit order (see 0003-sync).
 */
export class SyncChangesRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Takes the counter's row lock (held until commit) and returns the last seq handed out. */
  async lockCounter(): Promise<number> {
    const row = await this.db
      .updateTable('sync_counter')
      .set((eb) => ({ v: eb.ref('v') }))
      .where('id', '=', 1)
      .returning('v')
      .executeTakeFirstOrThrow();
    return Number(row.v);
  }

  async setCounter(v: number): Promise<void> {
    await this.db.updateTable('sync_counter').set({ v }).where('id', '=', 1).execute();
  }

  /** The last committed seq (no lock): every row up to it is visible to a statement run after this. */
  async counter(): Promise<number> {
    const row = await this.db
      .selectFrom('sync_counter')
      .select('v')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(row.v);
  }

  async insert(rows: readonly Insertable<SyncChangesTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 50)
      await this.db
        .insertInto('sync_changes')
        .values(rows.slice(i, i + 50))
        .execute();
  }

  /**
   * Rows after `cursor` up to `upTo` that the caller may see: unaddressed rows of the cases the user
   * belongs to now, and rows addressed to the user or to this client.
   */
  pageFor(
    userId: string,
    clientId: string,
    cursor: number,
    upTo: number,
    limit: number,
  ): Promise<ChangeRow[]> {
    return this.db
      .selectFrom('sync_changes')
      .selectAll()
      .where('seq', '>', cursor)
      .where('seq', '<=', upTo)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('only_user_id', 'is', null),
            eb('only_client_id', 'is', null),
            eb(
              'case_id',
              'in',
              eb
                .selectFrom('case_members')
                .select('case_members.case_id')
                .where('case_members.user_id', '=', userId),
            ),
          ]),
          eb('only_user_id', '=', userId),
          eb('only_client_id', '=', clientId),
        ]),
      )
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  minCursor(): Promise<number> {
    return this.metaNumber(MIN_CURSOR_KEY);
  }

  /** A number the server keeps in server_meta (0 until first written). */
  private async metaNumber(key: string): Promise<number> {
    const row = await this.db
      .selectFrom('server_meta')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? Number(row.value) : 0;
  }

  async setMinCursor(value: number): Promise<void> {
    await this.db
      .updateTable('server_meta')
      .set({ value: String(value) })
      .where('key', '=', MIN_CURSOR_KEY)
      .execute();
  }

  /** The first change recorded at or after `at` (ISO time); null when every change is older. */
  async firstSeqSince(at: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('sync_changes')
      .select((eb) => eb.fn.min('seq').as('seq'))
      .where('at', '>=', at)
      .executeTakeFirst();
    return row?.seq === null || row?.seq === undefined ? null : Number(row.seq);
  }

  async deleteBefore(seq: number): Promise<number> {
    const result = await this.db.deleteFrom('sync_changes').where('seq', '<', seq).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Rows of `entities` for every member (puts and deletes, not the per-client answers) after `cursor`
   * up to `upTo`, in seq order: what the deconfliction consumer follows (media and video frames).
   */
  mediaAfter(
    cursor: number,
    upTo: number,
    limit: number,
    entities: readonly string[] = ['media'],
  ): Promise<ChangeRow[]> {
    return this.db
      .selectFrom('sync_changes')
      .selectAll()
      .where('seq', '>', cursor)
      .where('seq', '<=', upTo)
      .where('entity', 'in', [...entities])
      .where('kind', 'in', ['put', 'delete'])
      .where('only_user_id', 'is', null)
      .where('only_client_id', 'is', null)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /** The last change seq the deconfliction consumer has fully handled. */
  deconflictionCursor(): Promise<number> {
    return this.metaNumber(DECONFLICTION_CURSOR_KEY);
  }

  /**
   * Moves the consumer's cursor from `from` to `to`; false when it was not at `from` any more (another
   * process that believed it led moved it: this one's batch was a harmless replay).
   */
  async advanceDeconflictionCursor(from: number, to: number): Promise<boolean> {
    const result = await this.db
      .updateTable('server_meta')
      .set({ value: String(to) })
      .where('key', '=', DECONFLICTION_CURSOR_KEY)
      .where('value', '=', String(from))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The PostgreSQL index is no longer current (another index ran): the next one to use it refills it. */
  async forgetPgIndexFill(): Promise<void> {
    await this.db
      .updateTable('server_meta')
      .set({ value: '' })
      .where('key', '=', PG_INDEX_FILLED_KEY)
      .where('value', '<>', '')
      .execute();
  }
}
