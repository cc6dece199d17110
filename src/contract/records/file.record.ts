import { z } from 'zod';

import type { CaseId } from '../../domain/case/ids';
import type { MediaId } from '../../domain/case/media';
import { brandedId, Count, IsoDateTime, RecordId, Text } from './fields';
import { defineRecord } from './define-record';

/** One path a media content was seen under (VICS `MediaFiles`). */
export const fileRecord = defineRecord({
  entity: 'files',
  schema: z.strictObject({
    id: RecordId,
    caseId: brandedId<CaseId>(),
    mediaId: brandedId<MediaId>(),
    path: Text(4096),
    size: Count(),
    lastModified: z.int().min(0),
    sourceKey: Text(4200),
    updatedAt: IsoDateTime,
  }),
  fields: {
    id: 'immutable',
    caseId: 'immutable',
    mediaId: 'immutable',
    path: 'immutable',
    size: 'immutable',
    lastModified: 'immutable',
    sourceKey: 'immutable',
    updatedAt: 'last-writer',
  },
  maxBytes: 16 * 1024,
});
