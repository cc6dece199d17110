import { ulid } from 'ulidx';

import type { WaymarkDatabase } from '../db/database';
import type { RejectionNote, UnreadableRecordNote } from './sync-records';

/** Keys of the syncState table. */
export const STATE = {
  client: 'client',
  /** The analyst this database syncs for (database-owner.ts). */
  owner: 'owner',
  cursor: 'cursor',
  rejections: 'rejections',
  unreadable: 'unreadable',
  /** The sync leader's last result, so every tab shows it. */
  status: 'status',
  /** A bootstrap in progress (or owed, after case_granted): `*` = every case of the caller. */
  bootstrap: (caseId: string | null) => `bootstrap:${caseId ?? '*'}`,
  share: (caseId: string) => `share:${caseId}`,
} as const;

/** One clientId per local database (docs/SYNC.md "Identity"), made on first use. */
export function getClientId(db: WaymarkDatabase): Promise<string> {
  return db.transaction('rw', db.syncState, async () => {
    const stored = await db.syncState.get(STATE.client);
    if (stored?.clientId) return stored.clientId;
    const clientId = ulid();
    await db.syncState.put({ id: STATE.client, clientId });
    return clientId;
  });
}

/** The pull cursor; undefined before the first complete bootstrap (or after a 410). */
export async function getCursor(db: WaymarkDatabase): Promise<number | undefined> {
  return (await db.syncState.get(STATE.cursor))?.cursor;
}

export async function setCursor(db: WaymarkDatabase, cursor: number): Promise<void> {
  await db.syncState.put({ id: STATE.cursor, cursor });
}

const KEEP_REJECTIONS = 20;

/** Keeps the last refused changes (codes), for the status panel. */
export async function noteRejections(db: WaymarkDatabase, notes: readonly RejectionNote[]): Promise<void> {
  if (notes.length === 0) return;
  const stored = (await db.syncState.get(STATE.rejections))?.rejections ?? [];
  await db.syncState.put({ id: STATE.rejections, rejections: [...stored, ...notes].slice(-KEEP_REJECTIONS) });
}

const KEEP_UNREADABLE = 50;

/** Keeps the received records that did not parse (one note per record: a later note replaces it). */
export async function noteUnreadable(
  db: WaymarkDatabase,
  notes: readonly UnreadableRecordNote[],
): Promise<void> {
  if (notes.length === 0) return;
  const key = (n: UnreadableRecordNote) => `${n.entity}\u0000${n.entityId}`;
  const fresh = new Set(notes.map(key));
  const stored = ((await db.syncState.get(STATE.unreadable))?.unreadable ?? []).filter(
    (n) => !fresh.has(key(n)),
  );
  await db.syncState.put({ id: STATE.unreadable, unreadable: [...stored, ...notes].slice(-KEEP_UNREADABLE) });
}

/** A record that now arrived readable is no longer named as unreadable. */
export async function clearUnreadable(
  db: WaymarkDatabase,
  entity: string,
  ids: ReadonlySet<string>,
): Promise<void> {
  if (ids.size === 0) return;
  const stored = (await db.syncState.get(STATE.unreadable))?.unreadable;
  if (!stored?.some((n) => n.entity === entity && ids.has(n.entityId))) return;
  await db.syncState.put({
    id: STATE.unreadable,
    unreadable: stored.filter((n) => !(n.entity === entity && ids.has(n.entityId))),
  });
}
