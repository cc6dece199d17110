import { z } from 'zod';

import type { LeadEvent } from '../../domain/leads/series-lead';
import { Count, IsoDateTime, RecordId, SeriesRef, Text } from './fields';
import { defineRecord } from './define-record';
import { LeadChangeValue } from './lead-fields';
import type { Assert, SameShape } from './same-shape';

/** One entry of a lead's history (append-only). */
export const leadEventRecord = defineRecord({
  entity: 'leadEvents',
  schema: z.strictObject({
    id: RecordId,
    leadId: RecordId,
    caseId: RecordId,
    seriesId: SeriesRef<string>(),
    version: Count(),
    at: IsoDateTime,
    by: Text(200),
    change: LeadChangeValue,
  }),
  fields: {
    id: 'immutable',
    leadId: 'immutable',
    caseId: 'immutable',
    seriesId: 'immutable',
    version: 'immutable',
    at: 'immutable',
    by: 'immutable',
    change: 'immutable',
  },
  appendOnly: true,
  seriesField: 'seriesId',
  writtenBy: { field: 'by' },
  maxBytes: 32 * 1024,
});

export type LeadEventRecordIsTheDomainModel = Assert<
  SameShape<z.output<typeof leadEventRecord.schema>, LeadEvent>
>;
