import { ulid } from 'ulidx';

import { currentNotes } from '../../domain/leads/lead-search';
import { deleteNote, writeNote, type NoteProblem, type NoteRevision } from '../../domain/leads/note';
import type { WaymarkDatabase } from './database';

/**
 * Series notes as append-only revisions: writing, editing and deleting each add one revision, so
 * the history (who wrote what, when) is the table itself.
 */
export type NoteResult = { ok: true; revision: NoteRevision } | { ok: false; problem: NoteProblem };

export async function saveNote(
  db: WaymarkDatabase,
  target: { caseId: string; seriesId: string },
  text: string,
  by: string,
  previousId?: string,
  now = new Date(),
): Promise<NoteResult> {
  return db.transaction('rw', db.noteRevisions, async () => {
    const previous = previousId ? await db.noteRevisions.get(previousId) : undefined;
    if (previousId && !previous) return { ok: false, problem: 'deleted' } as const;
    const result = writeNote(target, text, { id: ulid(), at: now.toISOString(), by }, previous);
    if (result.ok) await db.noteRevisions.add(result.revision);
    return result;
  });
}

export async function removeNote(db: WaymarkDatabase, headId: string, by: string, now = new Date()) {
  return db.transaction('rw', db.noteRevisions, async (): Promise<NoteResult> => {
    const previous = await db.noteRevisions.get(headId);
    if (!previous) return { ok: false, problem: 'deleted' };
    const result = deleteNote(previous, { id: ulid(), at: now.toISOString(), by });
    if (result.ok) await db.noteRevisions.add(result.revision);
    return result;
  });
}

/** Every revision of a series' notes, oldest first (the UI derives heads and histories). */
export function listNoteRevisions(db: WaymarkDatabase, seriesId: string): Promise<NoteRevision[]> {
  return db.noteRevisions.where('seriesId').equals(seriesId).sortBy('at');
}

export async function listSeriesNotes(db: WaymarkDatabase, seriesId: string): Promise<NoteRevision[]> {
  return currentNotes(await listNoteRevisions(db, seriesId));
}
