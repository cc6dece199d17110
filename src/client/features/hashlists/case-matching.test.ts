import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CaseId } from '../../../domain/case/ids';
import type { MediaId } from '../../../domain/case/media';
import type { ParsedListEntry } from '../../../domain/hashlists/hash-list';
import { setCategories } from '../../db/media.repository';
import { createCase } from '../../db/cases.repository';
import { WaymarkDatabase } from '../../db/database';
import { deleteList, saveImportedList, setListEnabled } from '../../db/hash-lists.repository';
import { matchesOfMedia } from '../../db/list-matches.repository';
import { getMatcher, matchCase, matchNewMedia } from './case-matching';
import { hex, mediaRecord, PDQ_A } from './test-fixtures';

let db: WaymarkDatabase;
let caseId: CaseId;

beforeEach(async () => {
  db = new WaymarkDatabase(`lists-${Math.random()}`);
  const made = await createCase(db, 'Lists');
  if (!made.ok) throw new Error('no case');
  caseId = made.record.id;
});
afterEach(async () => {
  await db.delete();
});

const entry = (ordinal: number, data: Omit<ParsedListEntry, 'ordinal' | 'line'>): ParsedListEntry => ({
  ordinal,
  line: ordinal + 1,
  ...data,
});

/** The 8 dihedral hashes of an image whose mirrored form (index 4) is PDQ_A. */
const mirroredOfA = [
  hex(99, 64),
  hex(98, 64),
  hex(97, 64),
  hex(96, 64),
  PDQ_A,
  hex(95, 64),
  hex(94, 64),
  hex(93, 64),
];

async function seedLists() {
  const md5 = await saveImportedList(db, {
    name: 'Known MD5',
    source: 'known.csv',
    format: 'csv',
    schemeId: 'vic-us',
    kind: 'known',
    entries: [
      entry(1, { md5: hex(1, 32), category: 1, series: 'S-one' }),
      entry(2, { md5: hex(2, 32), category: 2 }),
    ],
  });
  const pdq = await saveImportedList(db, {
    name: 'PDQ refs',
    source: 'refs.pdq',
    format: 'pdq',
    schemeId: null,
    kind: 'known',
    entries: [entry(1, { pdq: PDQ_A, pdqQuality: 100 })],
  });
  return { md5, pdq };
}

describe('matching a case', () => {
  it('records provenance, counts known matches, pre-categorizes uncategorized items only', async () => {
    const { md5, pdq } = await seedLists();
    await db.media.bulkAdd([
      mediaRecord(caseId, 1),
      mediaRecord(caseId, 2, { category: 3, categorySlot: 3 }),
      mediaRecord(caseId, 3, { pdqDihedral: mirroredOfA }),
      mediaRecord(caseId, 4),
    ]);
    const summary = await matchCase(db, caseId, 'vic-us');
    expect(summary).toEqual({ matched: 4, known: 3, precategorized: 1, conflicts: 0 });

    const m1 = await db.media.get('M1' as MediaId);
    expect(m1).toMatchObject({
      known: 1,
      category: 1,
      categorySlot: 1,
      precategorizedBy: 'Known MD5',
      version: 2,
    });
    const [row] = await matchesOfMedia(db, 'M1' as MediaId);
    expect(row).toMatchObject({
      listId: md5.id,
      listName: 'Known MD5',
      entryOrdinal: 1,
      kind: 'md5',
      distance: 0,
      category: 1,
      series: 'S-one',
      precategorized: true,
      conflict: false,
    });
    // The analyst's category stays.
    expect(await db.media.get('M2' as MediaId)).toMatchObject({ known: 1, category: 3 });
    expect((await db.media.get('M2' as MediaId))?.precategorizedBy).toBeUndefined();
    // The mirrored copy matches through its dihedral hash.
    const [mirrored] = await matchesOfMedia(db, 'M3' as MediaId);
    expect(mirrored).toMatchObject({
      listId: pdq.id,
      kind: 'pdq',
      distance: 0,
      dihedral: 4,
      lowQuality: false,
    });
    expect(await matchesOfMedia(db, 'M4' as MediaId)).toEqual([]);

    // Matching again keeps one row per match and still counts the earlier pre-categorization.
    expect(await matchCase(db, caseId, 'vic-us')).toEqual(summary);
    expect(await db.listMatches.where('caseId').equals(caseId).count()).toBe(3);
  });

  it('does not pre-categorize under another scheme, flags conflicts, and lets allow lists win', async () => {
    await seedLists();
    await saveImportedList(db, {
      name: 'Other agency',
      source: 'other.csv',
      format: 'csv',
      schemeId: 'vic-us',
      kind: 'known',
      entries: [entry(1, { md5: hex(1, 32), category: 2 })],
    });
    await saveImportedList(db, {
      name: 'Allowed',
      source: 'allow.csv',
      format: 'csv',
      schemeId: 'vic-us',
      kind: 'allow',
      entries: [entry(1, { sha256: hex(2, 64) })],
    });
    await db.media.bulkAdd([mediaRecord(caseId, 1), mediaRecord(caseId, 2)]);
    const summary = await matchCase(db, caseId, 'uk-caid');
    expect(summary).toMatchObject({ known: 1, precategorized: 0, conflicts: 1 });
    expect(await db.media.get('M1' as MediaId)).toMatchObject({ known: 2, category: null });
    expect((await matchesOfMedia(db, 'M1' as MediaId)).every((m) => m.conflict)).toBe(true);
    expect(await db.media.get('M2' as MediaId)).toMatchObject({ known: 0, category: null });
    expect((await matchesOfMedia(db, 'M2' as MediaId)).map((m) => m.listKind).sort()).toEqual([
      'allow',
      'known',
    ]);
  });

  it('rebuilds the matcher when lists change; a disabled or deleted list stops counting', async () => {
    const { md5, pdq } = await seedLists();
    await db.media.bulkAdd([mediaRecord(caseId, 1), mediaRecord(caseId, 3, { pdqDihedral: mirroredOfA })]);
    const first = await getMatcher(db);
    expect(await getMatcher(db)).toBe(first);
    await matchCase(db, caseId, 'vic-us');

    await setListEnabled(db, md5.id, false);
    expect(await getMatcher(db)).not.toBe(first);
    expect(await matchCase(db, caseId, 'vic-us')).toMatchObject({ known: 1, precategorized: 0 });
    // The category a list gave stays (an analyst may have reviewed it); only `known` follows the lists.
    expect(await db.media.get('M1' as MediaId)).toMatchObject({ known: 0, category: 1 });

    await deleteList(db, pdq.id);
    expect(await db.listMatches.where('listId').equals(pdq.id).count()).toBe(0);
    expect(await db.hashListEntries.where('listId').equals(pdq.id).count()).toBe(0);
    expect((await db.media.get('M3' as MediaId))?.known).toBe(0);
  });

  it('matches new media on ingest only when a list is enabled, and never touches an analyst choice', async () => {
    await db.media.bulkAdd([mediaRecord(caseId, 1)]);
    const none = await matchNewMedia(db, caseId, 'vic-us', [(await db.media.get('M1' as MediaId))!]);
    expect(none.matched).toBe(0);
    await seedLists();
    await setCategories(db, [{ id: 'M1' as MediaId, category: 0 }]);
    const media = (await db.media.get('M1' as MediaId))!;
    expect(await matchNewMedia(db, caseId, 'vic-us', [media])).toMatchObject({
      matched: 1,
      known: 1,
      precategorized: 0,
    });
    expect(await db.media.get('M1' as MediaId)).toMatchObject({ category: 0, known: 1 });
  });
});
