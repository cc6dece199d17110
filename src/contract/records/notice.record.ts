import { z } from 'zod';

import { SIGNAL_TYPES } from '../../domain/signals/signal-type';
import { Count, IsoDateTime, RecordId, SeriesRef, Text } from './fields';
import { defineRecord } from './define-record';

/**
 * A deconfliction notice (synced into the case it concerns): N images of this case's series are also
 * held in another case. Says who to contact, never what the other case holds. Written by the server
 * only; a member may only acknowledge it.
 */
export const noticeRecord = defineRecord({
  entity: 'notices',
  schema: z.strictObject({
    id: RecordId,
    caseId: RecordId,
    seriesId: SeriesRef<string>(),
    otherCaseId: RecordId,
    otherCaseName: Text(200),
    otherOwner: z.strictObject({
      displayName: Text(200),
      organization: Text(200),
      contact: Text(500),
    }),
    /** Images of this series with a match in the other case. */
    matchedImages: Count(),
    matchKinds: z.array(z.enum(SIGNAL_TYPES)).max(SIGNAL_TYPES.length),
    /** 'found' here when this case's sync found it; 'told' when the other case's sync did. */
    direction: z.enum(['found', 'told']),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    acknowledgedAt: IsoDateTime.nullable(),
    acknowledgedBy: Text(200).nullable(),
  }),
  fields: {
    id: 'last-writer',
    caseId: 'last-writer',
    seriesId: 'last-writer',
    otherCaseId: 'last-writer',
    otherCaseName: 'last-writer',
    otherOwner: 'last-writer',
    matchedImages: 'last-writer',
    matchKinds: 'last-writer',
    direction: 'last-writer',
    createdAt: 'last-writer',
    updatedAt: 'last-writer',
    acknowledgedAt: 'last-writer',
    acknowledgedBy: 'last-writer',
  },
  serverOwned: true,
  clientWritable: ['acknowledgedAt', 'acknowledgedBy'],
  seriesField: 'seriesId',
  writtenBy: { field: 'acknowledgedBy', follows: 'acknowledgedAt' },
  maxBytes: 4 * 1024,
});
