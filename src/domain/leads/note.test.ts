import { describe, expect, it } from 'vitest';

import { noteHistory, writeNote } from './note';

const target = { caseId: 'C', seriesId: 'S' };

describe('notes with history', () => {
  it('keeps every revision with who and when, oldest first', () => {
    const v1 = writeNote(target, 'Window view shows a tram line', {
      id: 'n1',
      at: '2026-11-01T09:00:00Z',
      by: 'ana',
    });
    if (!v1.ok) throw new Error(v1.problem);
    const v2 = writeNote(
      target,
      'Tram line: green livery',
      { id: 'n2', at: '2026-11-02T09:00:00Z', by: 'ben' },
      v1.revision,
    );
    if (!v2.ok) throw new Error(v2.problem);
    expect(v2.revision).toMatchObject({ noteId: 'n1', predecessorId: 'n1' });
    expect(noteHistory([v2.revision, v1.revision], 'n2').map((r) => [r.by, r.text])).toEqual([
      ['ana', 'Window view shows a tram line'],
      ['ben', 'Tram line: green livery'],
    ]);
  });

  it('refuses empty notes', () => {
    expect(writeNote(target, '  ', { id: 'x', at: 'now', by: 'ana' })).toEqual({
      ok: false,
      problem: 'empty',
    });
  });

  it('stops at a cycle instead of looping forever', () => {
    const a = {
      ...target,
      id: 'a',
      noteId: 'a',
      text: 'a',
      deleted: false,
      predecessorId: 'b',
      at: '',
      by: '',
    };
    const b = { ...a, id: 'b', predecessorId: 'a' };
    expect(noteHistory([a, b], 'a').map((r) => r.id)).toEqual(['b', 'a']);
  });
});
