import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ParsedListEntry } from '../../domain/hashlists/hash-list';
import { WaymarkDatabase } from './database';
import {
  deleteList,
  listEntriesPage,
  listHashLists,
  listsRevision,
  loadEnabledLists,
  saveImportedList,
  setEntryEnabled,
  setListEnabled,
} from './hash-lists.repository';

let db: WaymarkDatabase;
beforeEach(() => {
  db = new WaymarkDatabase(`hash-lists-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const md5 = (n: number) => n.toString(16).padStart(32, '0');
const entries = (count: number): ParsedListEntry[] =>
  Array.from({ length: count }, (_, i) => ({ ordinal: i + 1, line: i + 2, md5: md5(i + 1), category: 1 }));

const input = (name: string, list: ParsedListEntry[]) =>
  ({ name, source: `${name}.csv`, format: 'csv', schemeId: 'vic-us', kind: 'known', entries: list }) as const;

describe('hash lists repository', () => {
  it('stores a large list with its entries in file order, pages through them, and counts them', async () => {
    const list = await saveImportedList(db, input('Big', entries(12_000)));
    expect(list).toMatchObject({ name: 'Big', count: 12_000, enabled: true });
    expect(await db.hashListEntries.where('listId').equals(list.id).count()).toBe(12_000);
    const page = await listEntriesPage(db, list.id, 5001, 3);
    expect(page.map((e) => [e.ordinal, e.md5])).toEqual([
      [5001, md5(5001)],
      [5002, md5(5002)],
      [5003, md5(5003)],
    ]);
    expect(page[0]).not.toHaveProperty('line');
  });

  it('is all or nothing: an entry that cannot be stored leaves no list and no entries behind', async () => {
    const bad = [
      ...entries(10),
      { ordinal: 11, line: 12, md5: md5(11), label: (() => 1) as unknown as string },
    ];
    await expect(saveImportedList(db, input('Broken', bad))).rejects.toThrow();
    expect(await listHashLists(db)).toEqual([]);
    expect(await db.hashListEntries.count()).toBe(0);
    expect(await listsRevision(db)).toBe(0);
  });

  it('switches lists and entries on and off, bumping the revision each time', async () => {
    const a = await saveImportedList(db, input('A', entries(3)));
    const b = await saveImportedList(db, input('B', entries(2)));
    expect(await listsRevision(db)).toBe(2);
    await setListEnabled(db, a.id, false);
    const second = (await listEntriesPage(db, b.id, 2, 1))[0]!;
    await setEntryEnabled(db, second.id, false);
    const enabled = await loadEnabledLists(db);
    expect(enabled.lists.map((l) => l.name)).toEqual(['B']);
    expect(enabled.entries.map((e) => e.ordinal)).toEqual([1]);
    expect(await listsRevision(db)).toBe(4);
  });

  it('deletes a list with its entries and matches, and recounts the media it made known', async () => {
    const a = await saveImportedList(db, input('A', entries(2)));
    await db.media.add({ id: 'M1', caseId: 'C1', known: 1, version: 1 } as never);
    await db.listMatches.add({
      id: 'X1',
      caseId: 'C1',
      mediaId: 'M1',
      listId: a.id,
      listKind: 'known',
      lowQuality: false,
    } as never);
    await deleteList(db, a.id);
    expect(await listHashLists(db)).toEqual([]);
    expect(await db.hashListEntries.count()).toBe(0);
    expect(await db.listMatches.count()).toBe(0);
    expect(await db.media.get('M1' as never)).toMatchObject({ known: 0, version: 2 });
  });
});
