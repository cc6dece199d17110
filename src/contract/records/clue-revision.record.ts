import { z } from 'zod';

import { CLUE_NOTE_MAX_LENGTH, CLUE_TYPES, type ClueRevision } from '../../domain/leads/clue';
import { IsoDateTime, RecordId, SeriesRef, Text } from './fields';
import { defineRecord } from './define-record';
import type { Assert, SameShape } from './same-shape';

const Fraction = z.number().min(0).max(1);

/** A clue's revision: a region of one image, a clue type and a note (append-only history). */
export const clueRevisionRecord = defineRecord({
  entity: 'clueRevisions',
  schema: z.strictObject({
    id: RecordId,
    clueId: RecordId,
    caseId: RecordId,
    seriesId: SeriesRef<string>(),
    mediaId: RecordId,
    region: z.strictObject({ x: Fraction, y: Fraction, width: Fraction, height: Fraction }),
    type: z.enum(CLUE_TYPES as [ClueRevision['type'], ...ClueRevision['type'][]]),
    note: Text(CLUE_NOTE_MAX_LENGTH),
    deleted: z.boolean(),
    predecessorId: RecordId.nullable(),
    createdAt: IsoDateTime,
    author: Text(200),
  }),
  fields: {
    id: 'immutable',
    clueId: 'immutable',
    caseId: 'immutable',
    seriesId: 'immutable',
    mediaId: 'immutable',
    region: 'immutable',
    type: 'immutable',
    note: 'immutable',
    deleted: 'immutable',
    predecessorId: 'immutable',
    createdAt: 'immutable',
    author: 'immutable',
  },
  appendOnly: true,
  seriesField: 'seriesId',
  writtenBy: { field: 'author' },
  maxBytes: 16 * 1024,
});

export type ClueRevisionRecordIsTheDomainModel = Assert<
  SameShape<z.output<typeof clueRevisionRecord.schema>, ClueRevision>
>;
