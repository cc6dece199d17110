import { z } from 'zod';

import { CASE_NAME_MAX_LENGTH } from '../../domain/case/case';
import { CategorySchemeId } from '../../domain/case/category-schemes';
import type { CaseId } from '../../domain/case/ids';
import { brandedId, IsoDateTime, Text } from './fields';
import { defineRecord } from './define-record';

/** A case: its name and category scheme. Members and roles are server-side only (cases.contract.ts). */
export const caseRecord = defineRecord({
  entity: 'cases',
  schema: z.strictObject({
    id: brandedId<CaseId>(),
    // Normalized (trimmed, inner whitespace collapsed) by the server before it is stored.
    name: Text(CASE_NAME_MAX_LENGTH).min(1),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    categoryScheme: z.enum(Object.values(CategorySchemeId)).optional(),
  }),
  fields: {
    id: 'immutable',
    name: 'last-writer',
    // The server gives a new team case its row's createdAt (every member needs one at once); a sharing
    // client may replace it with the case's local creation time, so it is last-writer, not immutable.
    createdAt: 'last-writer',
    updatedAt: 'last-writer',
    categoryScheme: 'last-writer',
  },
  maxBytes: 4 * 1024,
});
