import { z } from 'zod';

import type { CaseId } from '../../domain/case/ids';
import { SERIES_NAME_MAX_LENGTH, type SeriesId } from '../../domain/case/media';
import { brandedId, Count, IsoDateTime, Text } from './fields';
import { defineRecord } from './define-record';

/** A series of a case: number and name. Its size is counted on each device from the media rows. */
export const seriesRecord = defineRecord({
  entity: 'series',
  schema: z.strictObject({
    id: brandedId<SeriesId>(),
    caseId: brandedId<CaseId>(),
    /** Shown as "Series <number>" until the analyst names it (name ''). */
    number: Count(1_000_000_000),
    name: Text(SERIES_NAME_MAX_LENGTH),
    /** The grouper's own group id, so its later deltas find this series; absent for analyst-made series. */
    groupKey: Text(128).optional(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  }),
  fields: {
    id: 'immutable',
    caseId: 'immutable',
    number: 'last-writer',
    name: 'last-writer',
    groupKey: 'last-writer',
    createdAt: 'immutable',
    updatedAt: 'last-writer',
  },
  // Membership is add-wins: a series someone else added images to survives a concurrent delete.
  keptWhileMembers: true,
  maxBytes: 4 * 1024,
});
