import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { noteHistory } from '../../domain/leads/note';
import { WaymarkDatabase } from './database';
import { listNoteRevisions, listSeriesNotes, removeNote, saveNote } from './notes.repository';

let db: WaymarkDatabase;
beforeEach(async () => {
  db = new WaymarkDatabase(`notes-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const target = { caseId: 'C1', seriesId: 'S1' };

describe('notes repository', () => {
  it('keeps every wording with who and when, and shows only the live notes', async () => {
    const first = await saveNote(
      db,
      target,
      'Window faces a harbour',
      'ana',
      undefined,
      new Date('2026-11-01T09:00:00Z'),
    );
    if (!first.ok) throw new Error(first.problem);
    const edit = await saveNote(
      db,
      target,
      'Window faces a harbour crane',
      'ben',
      first.revision.id,
      new Date('2026-11-02T09:00:00Z'),
    );
    if (!edit.ok) throw new Error(edit.problem);
    const other = await saveNote(db, target, 'Socket type F', 'ana');
    if (!other.ok) throw new Error(other.problem);

    expect((await listSeriesNotes(db, 'S1')).map((n) => n.text).sort()).toEqual([
      'Socket type F',
      'Window faces a harbour crane',
    ]);
    const history = noteHistory(await listNoteRevisions(db, 'S1'), edit.revision.id);
    expect(history.map((h) => [h.text, h.by, h.at])).toEqual([
      ['Window faces a harbour', 'ana', '2026-11-01T09:00:00.000Z'],
      ['Window faces a harbour crane', 'ben', '2026-11-02T09:00:00.000Z'],
    ]);

    const removed = await removeNote(db, other.revision.id, 'ben');
    expect(removed.ok).toBe(true);
    expect((await listSeriesNotes(db, 'S1')).map((n) => n.text)).toEqual(['Window faces a harbour crane']);
    if (removed.ok)
      expect(await removeNote(db, removed.revision.id, 'ana')).toEqual({ ok: false, problem: 'deleted' });
  });

  it('refuses an empty note', async () => {
    expect(await saveNote(db, target, '   ', 'ana')).toEqual({ ok: false, problem: 'empty' });
    expect(await db.noteRevisions.count()).toBe(0);
  });
});
