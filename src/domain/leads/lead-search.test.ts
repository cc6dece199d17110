import { describe, expect, it } from 'vitest';

import { createClue, reviseClue, type ClueRevision } from './clue';
import { buildSearchDocs, matchesQuery } from './lead-search';
import { writeNote, deleteNote } from './note';
import { applyLeadChange, newSeriesLead } from './series-lead';

const AT = '2026-11-28T10:00:00.000Z';
const stamp = (id: string) => ({ id, at: AT, author: 'ana', by: 'ana' });

function clue(id: string, seriesId: string, note: string, type: ClueRevision['type'] = 'logo'): ClueRevision {
  const made = createClue(
    { caseId: 'C1', seriesId, mediaId: 'M1', region: { x: 0, y: 0, width: 0.5, height: 0.5 }, type, note },
    stamp(id),
  );
  if (!made.ok) throw new Error(made.problem);
  return made.revision;
}

describe('lead search', () => {
  const lead = (() => {
    const start = newSeriesLead({ id: 'S1', caseId: 'C1', seriesId: 'S1' }, AT, 'ana');
    const tagged = applyLeadChange(
      start,
      { kind: 'tags', tags: ['School uniform'] },
      { eventId: 'E1', at: AT, by: 'ana' },
    );
    if (!tagged.ok) throw new Error(tagged.problem);
    const reviewed = applyLeadChange(
      tagged.lead,
      { kind: 'status', to: 'in-review' },
      { eventId: 'E2', at: AT, by: 'ana' },
    );
    if (!reviewed.ok) throw new Error(reviewed.problem);
    return reviewed.lead;
  })();
  const blueBag = clue('K1', 'S1', 'Blue shop bag, Ferrano logo');
  const oldWording = clue('K2', 'S2', 'Red socket');
  const renamed = reviseClue(oldWording, { note: 'Type F power socket' }, stamp('K2b'));
  const deleted = clue('K3', 'S3', 'Harbour crane', 'landmark');
  const gone = reviseClue(deleted, 'delete', stamp('K3b'));
  const note = writeNote({ caseId: 'C2', seriesId: 'S4' }, 'Window view of a church spire', stamp('N1'));
  const noteGone = writeNote({ caseId: 'C2', seriesId: 'S5' }, 'Mountain ridge', stamp('N2'));
  if (!renamed.ok || !gone.ok || !note.ok || !noteGone.ok) throw new Error('fixture');
  const removed = deleteNote(noteGone.revision, stamp('N2b'));
  if (!removed.ok) throw new Error('fixture');
  const docs = buildSearchDocs({
    leads: [lead],
    clues: [blueBag, oldWording, renamed.revision, deleted, gone.revision],
    notes: [note.revision, noteGone.revision, removed.revision],
    serials: [
      { caseId: 'C1', seriesId: 'S1', serial: 'SYN7781280' },
      { caseId: 'C3', seriesId: 'S9', serial: 'SYN4847092' },
    ],
  });
  const find = (text: string, extra: Parameters<typeof matchesQuery>[1] = { text }) =>
    docs
      .filter((d) => matchesQuery(d, { ...extra, text }))
      .map((d) => d.seriesId)
      .sort();

  it('finds series by clue note, tag, note text, serial and clue type, ignoring case and word order', () => {
    expect(find('ferrano bag')).toEqual(['S1']);
    expect(find('school')).toEqual(['S1']);
    expect(find('church')).toEqual(['S4']);
    expect(find('syn4847092')).toEqual(['S9']);
    expect(find('logo')).toEqual(['S1', 'S2']);
    expect(find('landmark')).toEqual([]);
  });

  it('searches only current clues and notes', () => {
    expect(find('red')).toEqual([]);
    expect(find('power socket')).toEqual(['S2']);
    expect(find('harbour')).toEqual([]);
    expect(find('mountain')).toEqual([]);
  });

  it('filters by status and clue type', () => {
    expect(find('', { text: '', status: 'in-review' })).toEqual(['S1']);
    expect(find('', { text: '', clueType: 'logo' })).toEqual(['S1', 'S2']);
    expect(find('socket', { text: '', status: 'in-review' })).toEqual([]);
    expect(find('')).toEqual([]);
  });
});
