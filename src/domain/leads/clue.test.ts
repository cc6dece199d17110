import { describe, expect, it } from 'vitest';

import {
  createClue,
  currentClues,
  regionFromDrag,
  regionToPixels,
  reviseClue,
  type ClueRevision,
} from './clue';

const base = {
  caseId: 'C',
  seriesId: 'S',
  mediaId: 'M',
  region: { x: 0.1, y: 0.2, width: 0.3, height: 0.2 },
  type: 'logo' as const,
  note: 'Shop bag logo',
};
let n = 0;
const stamp = (author = 'ana') => ({ id: `R${++n}`, at: `2026-11-28T10:00:0${n % 10}Z`, author });

function created(): ClueRevision {
  const r = createClue(base, stamp());
  if (!r.ok) throw new Error(r.problem);
  return r.revision;
}

describe('clue regions', () => {
  it('orders and clamps a drag in any direction', () => {
    expect(regionFromDrag({ x: 0.8, y: 1.2 }, { x: 0.5, y: 0.6 })).toEqual({
      x: 0.5,
      y: 0.6,
      width: 0.30000000000000004,
      height: 0.4,
    });
  });

  it('treats a click (a tiny drag) as no region', () => {
    expect(regionFromDrag({ x: 0.5, y: 0.5 }, { x: 0.505, y: 0.6 })).toBeNull();
  });

  it('maps a region to whole pixels inside the image', () => {
    expect(regionToPixels({ x: 0.1, y: 0.2, width: 0.3, height: 0.2 }, 1000, 500)).toEqual({
      left: 100,
      top: 100,
      width: 300,
      height: 100,
    });
    expect(regionToPixels({ x: 0.999, y: 0.999, width: 0.001, height: 0.001 }, 10, 10)).toEqual({
      left: 9,
      top: 9,
      width: 1,
      height: 1,
    });
  });
});

describe('clue revisions', () => {
  it('an edit is a new revision pointing at its predecessor, and the list shows the head', () => {
    const first = created();
    const edit = reviseClue(first, { note: 'Bag from a regional chain', type: 'object' }, stamp('ben'));
    if (!edit.ok) throw new Error(edit.problem);
    expect(edit.revision).toMatchObject({
      clueId: first.clueId,
      predecessorId: first.id,
      note: 'Bag from a regional chain',
      type: 'object',
      author: 'ben',
    });
    expect(currentClues([first, edit.revision]).map((c) => c.revision.id)).toEqual([edit.revision.id]);
  });

  it('a delete hides the clue but keeps its history', () => {
    const first = created();
    const gone = reviseClue(first, 'delete', stamp());
    if (!gone.ok) throw new Error(gone.problem);
    expect(currentClues([first, gone.revision])).toEqual([]);
    expect(reviseClue(gone.revision, { note: 'x' }, stamp())).toEqual({ ok: false, problem: 'deleted' });
  });

  it('two edits of one predecessor surface as a conflict', () => {
    const first = created();
    const a = reviseClue(first, { note: 'A' }, stamp('ana'));
    const b = reviseClue(first, { note: 'B' }, stamp('ben'));
    if (!a.ok || !b.ok) throw new Error('edits refused');
    const [clue] = currentClues([first, a.revision, b.revision]);
    expect(clue?.revision.note).toBe('B');
    expect(clue?.conflicts.map((c) => c.note)).toEqual(['A']);
  });

  it('refuses an unknown type and an overlong note', () => {
    expect(createClue({ ...base, type: 'weapon' as never }, stamp())).toEqual({
      ok: false,
      problem: 'unknown-type',
    });
    expect(createClue({ ...base, note: 'x'.repeat(2001) }, stamp())).toEqual({
      ok: false,
      problem: 'note-too-long',
    });
  });
});
