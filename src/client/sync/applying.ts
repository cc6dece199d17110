import type { Dexie, Table, Transaction } from 'dexie';

/**
 * Writes made by the sync engine itself (applying server changes, bootstrap, purge) must not be
 * pushed back: they mark their IndexedDB transaction, and the outbox middleware passes a marked
 * transaction's writes straight through (the way Dexie Cloud marks its own transactions).
 */
export const APPLYING_MARK = '__waymarkApplying';

export function isApplying(trans: unknown): boolean {
  return (trans as Record<string, unknown> | null)?.[APPLYING_MARK] === true;
}

/** Runs `fn` in one read-write transaction over `tables` whose writes bypass the outbox. */
export function runApplying<T>(
  db: Dexie,
  tables: readonly (string | Table)[],
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction('rw', tables as (string | Table)[], async (tx) => {
    (tx.idbtrans as unknown as Record<string, unknown>)[APPLYING_MARK] = true;
    return fn(tx);
  });
}
