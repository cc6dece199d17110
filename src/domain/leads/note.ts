/**
 * Notes on a series: append-only revisions with their author and time, so the history of who wrote
 * what is the data itself (docs/SYNC.md: annotations and notes are revisions, never overwritten).
 */
export interface NoteRevision {
  readonly id: string;
  readonly noteId: string;
  readonly caseId: string;
  readonly seriesId: string;
  readonly text: string;
  readonly deleted: boolean;
  readonly predecessorId: string | null;
  readonly at: string;
  readonly by: string;
}

export const NOTE_MAX_LENGTH = 10_000;

export type NoteProblem = 'empty' | 'too-long' | 'deleted';

export function writeNote(
  target: { caseId: string; seriesId: string },
  text: string,
  stamp: { id: string; at: string; by: string },
  previous?: NoteRevision,
): { ok: true; revision: NoteRevision } | { ok: false; problem: NoteProblem } {
  if (previous?.deleted) return { ok: false, problem: 'deleted' };
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, problem: 'empty' };
  if (trimmed.length > NOTE_MAX_LENGTH) return { ok: false, problem: 'too-long' };
  return {
    ok: true,
    revision: {
      ...target,
      id: stamp.id,
      noteId: previous?.noteId ?? stamp.id,
      text: trimmed,
      deleted: false,
      predecessorId: previous?.id ?? null,
      at: stamp.at,
      by: stamp.by,
    },
  };
}

/** A note's revisions, oldest first, following predecessor links from the given head. */
export function noteHistory(revisions: readonly NoteRevision[], headId: string): NoteRevision[] {
  const byId = new Map(revisions.map((r) => [r.id, r]));
  const chain: NoteRevision[] = [];
  const seen = new Set<string>();
  for (
    let r = byId.get(headId);
    r && !seen.has(r.id);
    r = r.predecessorId ? byId.get(r.predecessorId) : undefined
  ) {
    seen.add(r.id);
    chain.push(r);
  }
  return chain.reverse();
}

/** Deleting a note is a revision too (the history keeps what it said and who removed it). */
export function deleteNote(
  previous: NoteRevision,
  stamp: { id: string; at: string; by: string },
): { ok: true; revision: NoteRevision } | { ok: false; problem: NoteProblem } {
  if (previous.deleted) return { ok: false, problem: 'deleted' };
  return {
    ok: true,
    revision: {
      ...previous,
      id: stamp.id,
      deleted: true,
      predecessorId: previous.id,
      at: stamp.at,
      by: stamp.by,
    },
  };
}
