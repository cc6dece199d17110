import { z } from 'zod';

import { NOTE_MAX_LENGTH, type NoteRevision } from '../../domain/leads/note';
import { IsoDateTime, RecordId, SeriesRef, Text } from './fields';
import { defineRecord } from './define-record';
import type { Assert, SameShape } from './same-shape';

/** A note's revision on a series (append-only history: who wrote what, when). */
export const noteRevisionRecord = defineRecord({
  entity: 'noteRevisions',
  schema: z.strictObject({
    id: RecordId,
    noteId: RecordId,
    caseId: RecordId,
    seriesId: SeriesRef<string>(),
    text: Text(NOTE_MAX_LENGTH),
    deleted: z.boolean(),
    predecessorId: RecordId.nullable(),
    at: IsoDateTime,
    by: Text(200),
  }),
  fields: {
    id: 'immutable',
    noteId: 'immutable',
    caseId: 'immutable',
    seriesId: 'immutable',
    text: 'immutable',
    deleted: 'immutable',
    predecessorId: 'immutable',
    at: 'immutable',
    by: 'immutable',
  },
  appendOnly: true,
  seriesField: 'seriesId',
  // 10,000 characters of text, up to 3 bytes each in UTF-8.
  writtenBy: { field: 'by' },
  maxBytes: 40 * 1024,
});

export type NoteRevisionRecordIsTheDomainModel = Assert<
  SameShape<z.output<typeof noteRevisionRecord.schema>, NoteRevision>
>;
