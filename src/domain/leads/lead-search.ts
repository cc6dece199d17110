import type { ClueRevision, ClueType } from './clue';
import { currentClues } from './clue';
import type { LeadStatus } from './lead-status';
import type { NoteRevision } from './note';
import type { SeriesLead } from './series-lead';

/**
 * Search across cases: one document per series that has a lead, clues or notes, with what an analyst
 * searches by (tags, clue types, clue/note/lead text, camera serials, status). Only current clues
 * and notes count: a deleted clue or an overwritten note wording is history, not a match.
 */
export interface SeriesSearchDoc {
  readonly caseId: string;
  readonly seriesId: string;
  readonly status: LeadStatus;
  readonly tags: readonly string[];
  readonly clueTypes: readonly ClueType[];
  /** Clue notes, note texts, offender leads and location hypotheses. */
  readonly texts: readonly string[];
  readonly serials: readonly string[];
}

export interface SearchSources {
  readonly leads: readonly SeriesLead[];
  readonly clues: readonly ClueRevision[];
  readonly notes: readonly NoteRevision[];
  /** Camera serials of the media in each series (from EXIF). */
  readonly serials: readonly { caseId: string; seriesId: string; serial: string }[];
}

export function buildSearchDocs(sources: SearchSources): SeriesSearchDoc[] {
  type Draft = {
    caseId: string;
    seriesId: string;
    status: LeadStatus;
    tags: string[];
    clueTypes: Set<ClueType>;
    texts: string[];
    serials: Set<string>;
    annotated: boolean;
  };
  const docs = new Map<string, Draft>();
  const doc = (caseId: string, seriesId: string): Draft => {
    let d = docs.get(seriesId);
    if (!d) {
      d = {
        caseId,
        seriesId,
        status: 'new',
        tags: [],
        clueTypes: new Set(),
        texts: [],
        serials: new Set(),
        annotated: false,
      };
      docs.set(seriesId, d);
    }
    return d;
  };
  for (const lead of sources.leads) {
    const d = doc(lead.caseId, lead.seriesId);
    d.annotated = true;
    d.status = lead.status;
    d.tags.push(...lead.tags);
    d.texts.push(...lead.offenderLeads.map((o) => o.text), ...lead.locations.map((l) => l.text));
  }
  for (const { revision } of currentClues(sources.clues)) {
    const d = doc(revision.caseId, revision.seriesId);
    d.annotated = true;
    d.clueTypes.add(revision.type);
    if (revision.note) d.texts.push(revision.note);
  }
  for (const note of currentNotes(sources.notes)) {
    const d = doc(note.caseId, note.seriesId);
    d.annotated = true;
    d.texts.push(note.text);
  }
  for (const s of sources.serials) if (s.serial) doc(s.caseId, s.seriesId).serials.add(s.serial);
  // A series nobody annotated is still found by its camera serial (a serial links seizures).
  return [...docs.values()].map((d) => ({
    caseId: d.caseId,
    seriesId: d.seriesId,
    status: d.status,
    tags: d.tags,
    clueTypes: [...d.clueTypes],
    texts: d.texts,
    serials: [...d.serials],
  }));
}

/** The live notes: heads of each note's revision chain that are not deleted. */
export function currentNotes(revisions: readonly NoteRevision[]): NoteRevision[] {
  const replaced = new Set(revisions.flatMap((r) => (r.predecessorId ? [r.predecessorId] : [])));
  return revisions.filter((r) => !replaced.has(r.id) && !r.deleted);
}

export interface LeadQuery {
  readonly text: string;
  readonly status?: LeadStatus;
  readonly clueType?: ClueType;
}

const fold = (s: string) => s.toLocaleLowerCase().normalize('NFKC');

/**
 * Every word of the query must appear in the document (tag, clue type, text, serial or status,
 * ignoring case); the status and clue type filters must hold exactly. `extraTerms` lets the UI add
 * the translated names of the status and clue types so an analyst can type what they read.
 */
export function matchesQuery(
  doc: SeriesSearchDoc,
  query: LeadQuery,
  extraTerms: readonly string[] = [],
): boolean {
  if (query.status && doc.status !== query.status) return false;
  if (query.clueType && !doc.clueTypes.includes(query.clueType)) return false;
  const words = fold(query.text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return Boolean(query.status ?? query.clueType);
  const haystack = fold(
    [...doc.tags, ...doc.clueTypes, ...doc.texts, ...doc.serials, doc.status, ...extraTerms].join('\n'),
  );
  return words.every((w) => haystack.includes(w));
}
