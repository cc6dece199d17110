import { z } from 'zod';

import type { SeriesLead } from '../../domain/leads/series-lead';
import { Count, IsoDateTime, RecordId, SeriesRef, Text } from './fields';
import { defineRecord } from './define-record';
import {
  LEAD_LIST_MAX,
  LeadStatusValue,
  LocationValue,
  OffenderLeadValue,
  Tag,
  VictimProfileValue,
} from './lead-fields';
import type { Assert, SameShape } from './same-shape';

/** What a case officer records about a series (one lead per series; its id is the series id). */
export const seriesLeadRecord = defineRecord({
  entity: 'seriesLeads',
  schema: z.strictObject({
    id: RecordId,
    caseId: RecordId,
    seriesId: SeriesRef<string>(),
    status: LeadStatusValue,
    victim: VictimProfileValue,
    offenderLeads: z.array(OffenderLeadValue).max(LEAD_LIST_MAX),
    locations: z.array(LocationValue).max(LEAD_LIST_MAX),
    tags: z.array(Tag).max(LEAD_LIST_MAX),
    // The lead's own version numbers its history events, so it syncs (last-writer).
    version: Count(),
    updatedAt: IsoDateTime,
    updatedBy: Text(200),
  }),
  fields: {
    id: 'immutable',
    caseId: 'immutable',
    seriesId: 'immutable',
    status: 'base-version',
    victim: 'base-version',
    offenderLeads: 'last-writer',
    locations: 'last-writer',
    tags: 'last-writer',
    version: 'last-writer',
    updatedAt: 'last-writer',
    updatedBy: 'last-writer',
  },
  seriesField: 'seriesId',
  writtenBy: { field: 'updatedBy', every: true },
  maxBytes: 256 * 1024,
});

export type SeriesLeadRecordIsTheDomainModel = Assert<
  SameShape<z.output<typeof seriesLeadRecord.schema>, SeriesLead>
>;
