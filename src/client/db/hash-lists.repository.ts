/**
 * Hash lists in the local database. A list and its entries are written in ONE transaction and only
 * from a parse that had no fatal problem (the caller passes entries, never a failed result), so a
 * list is either wholly present or absent. Deleting a list deletes its entries and its matches.
 */
import { ulid } from 'ulidx';

import type {
  HashList,
  HashListEntry,
  HashListFormat,
  HashListKind,
  ParsedListEntry,
} from '../../domain/hashlists/hash-list';
import type { WaymarkDatabase } from './database';
import { recountKnown } from './list-matches.repository';

/**
 * A counter bumped in the same transaction as every change to lists or entries, so a cached matcher
 * knows (with one read, in any tab) whether it is stale.
 */
export const LISTS_REVISION_KEY = 'hashLists.revision';

async function bump(db: WaymarkDatabase): Promise<void> {
  const current = await db.settings.get(LISTS_REVISION_KEY);
  await db.settings.put({ id: LISTS_REVISION_KEY, value: Number(current?.value ?? 0) + 1 });
}

export async function listsRevision(db: WaymarkDatabase): Promise<number> {
  return Number((await db.settings.get(LISTS_REVISION_KEY))?.value ?? 0);
}

/** Entries are added in slices inside the transaction, so a huge list never builds one giant request. */
const ENTRY_SLICE = 5000;

export interface NewHashList {
  readonly name: string;
  readonly source: string;
  readonly format: HashListFormat;
  readonly schemeId: string | null;
  readonly kind: HashListKind;
  readonly entries: readonly ParsedListEntry[];
}

export async function saveImportedList(
  db: WaymarkDatabase,
  input: NewHashList,
  now = new Date(),
): Promise<HashList> {
  const list: HashList = {
    id: ulid(),
    name: input.name,
    source: input.source,
    format: input.format,
    schemeId: input.schemeId,
    kind: input.kind,
    enabled: true,
    count: input.entries.length,
    importedAt: now.toISOString(),
  };
  await db.transaction('rw', [db.hashLists, db.hashListEntries, db.settings], async () => {
    await db.hashLists.add(list);
    await bump(db);
    for (let at = 0; at < input.entries.length; at += ENTRY_SLICE) {
      const slice = input.entries.slice(at, at + ENTRY_SLICE).map((e) => toEntry(list.id, e));
      await db.hashListEntries.bulkAdd(slice);
    }
  });
  return list;
}

function toEntry(listId: string, e: ParsedListEntry): HashListEntry {
  // The parser's `line` is an import detail; the ordinal is the entry's stable position.
  const { line: _line, ...data } = e;
  return { ...data, id: ulid(), listId, enabled: true };
}

export function listHashLists(db: WaymarkDatabase): Promise<HashList[]> {
  return db.hashLists.orderBy('importedAt').toArray();
}

export async function setListEnabled(db: WaymarkDatabase, id: string, enabled: boolean): Promise<void> {
  await db.transaction('rw', [db.hashLists, db.settings], async () => {
    await db.hashLists.update(id, { enabled });
    await bump(db);
  });
}

export async function setEntryEnabled(db: WaymarkDatabase, id: string, enabled: boolean): Promise<void> {
  await db.transaction('rw', [db.hashListEntries, db.settings], async () => {
    await db.hashListEntries.update(id, { enabled });
    await bump(db);
  });
}

/** Removes the list, its entries and every match it made; the media it matched are recounted. */
export async function deleteList(db: WaymarkDatabase, id: string): Promise<void> {
  const tables = [db.hashLists, db.hashListEntries, db.listMatches, db.media, db.settings];
  await db.transaction('rw', tables, async () => {
    await bump(db);
    const matches = await db.listMatches.where('listId').equals(id).toArray();
    await db.listMatches.where('listId').equals(id).delete();
    await db.hashListEntries.where('listId').equals(id).delete();
    await db.hashLists.delete(id);
    await recountKnown(db, [...new Set(matches.map((m) => m.mediaId))]);
  });
}

/** What the matcher is built from: the enabled lists and their enabled entries. */
export async function loadEnabledLists(
  db: WaymarkDatabase,
): Promise<{ lists: HashList[]; entries: HashListEntry[] }> {
  return db.transaction('r', [db.hashLists, db.hashListEntries], async () => {
    const lists = (await db.hashLists.toArray()).filter((l) => l.enabled);
    const entries = (
      await db.hashListEntries
        .where('listId')
        .anyOf(lists.map((l) => l.id))
        .toArray()
    ).filter((e) => e.enabled);
    return { lists, entries };
  });
}

/** Entries of one list in file order, a page at a time (for the entry view). */
export function listEntriesPage(
  db: WaymarkDatabase,
  listId: string,
  fromOrdinal: number,
  limit: number,
): Promise<HashListEntry[]> {
  return db.hashListEntries
    .where('[listId+ordinal]')
    .between([listId, fromOrdinal], [listId, Infinity])
    .limit(limit)
    .toArray();
}
