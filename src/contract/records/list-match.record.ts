import { z } from 'zod';

import type { CaseId } from '../../domain/case/ids';
import type { MediaId } from '../../domain/case/media';
import { HashListKind } from '../../domain/hashlists/hash-list';
import { SIGNAL_TYPES } from '../../domain/signals/signal-type';
import { brandedId, Count, IsoDateTime, RecordId, Text } from './fields';
import { defineRecord } from './define-record';

/**
 * A match of a case's media against a known-material hash list, with its provenance (list, entry,
 * signal type, distance). The list itself stays in the browser that imported it; only the match syncs.
 */
export const listMatchRecord = defineRecord({
  entity: 'listMatches',
  schema: z.strictObject({
    id: RecordId,
    caseId: brandedId<CaseId>(),
    mediaId: brandedId<MediaId>(),
    listId: RecordId,
    /** Kept on the match so provenance survives a later rename or deletion of the list's record. */
    listName: Text(500),
    listKind: z.enum(Object.values(HashListKind)),
    schemeId: Text(64).nullable(),
    entryId: RecordId,
    entryOrdinal: Count(),
    kind: z.enum(SIGNAL_TYPES),
    /** 0 for exact matches; Hamming bits for PDQ. */
    distance: Count(256),
    /** Which dihedral hash of the image matched (0 as stored; otherwise rotated or mirrored). */
    dihedral: Count(7).optional(),
    lowQuality: z.boolean(),
    category: z.int().min(0).max(99).nullable(),
    series: Text(500).optional(),
    label: Text(500).optional(),
    /** Another known list of the same scheme claims a different category for this item. */
    conflict: z.boolean(),
    /** This match set the item's category. */
    precategorized: z.boolean(),
    matchedAt: IsoDateTime,
  }),
  fields: {
    id: 'immutable',
    caseId: 'immutable',
    mediaId: 'immutable',
    listId: 'immutable',
    listName: 'last-writer',
    listKind: 'last-writer',
    schemeId: 'last-writer',
    entryId: 'immutable',
    entryOrdinal: 'last-writer',
    kind: 'immutable',
    distance: 'immutable',
    dihedral: 'last-writer',
    lowQuality: 'last-writer',
    category: 'last-writer',
    series: 'last-writer',
    label: 'last-writer',
    conflict: 'last-writer',
    precategorized: 'last-writer',
    matchedAt: 'last-writer',
  },
  maxBytes: 4 * 1024,
});
