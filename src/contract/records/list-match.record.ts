import { z } from 'zod';

import type { CaseId } from '../../domain/case/ids';
import type { MediaId } from '../../domain/case/media';
import { HashListKind } from '../../domain/hashlists/hash-list';
import { SIGNAL_TYPES } from '../../domain/signals/signal-type';
import { DEFAULT_MAX_SPANS } from '../../domain/video/frame-spans';
import { brandedId, Count, IsoDateTime, RecordId, Text } from './fields';
import { defineRecord } from './define-record';

/** Seconds in a video (a week at most); -1 when unknown (a still's side, or a hash file without times). */
const Seconds = z
  .number()
  .min(-1)
  .max(7 * 24 * 3600);
const Percent = z.number().min(0).max(100);

/** A span of matched frames (domain/video/frame-spans.ts): which frames matched, at what time. */
const FrameSpan = z.strictObject({
  fromFrame: Count(),
  toFrame: Count(),
  from: Seconds,
  to: Seconds,
  otherFrom: Seconds,
  otherTo: Seconds,
  frames: Count(),
  distance: Count(256),
});

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
    /** For vPDQ (a known video): the shares of matched frames and where they are. */
    video: z
      .strictObject({
        queryPercent: Percent,
        comparedPercent: Percent,
        spans: z.array(FrameSpan).max(DEFAULT_MAX_SPANS),
        omitted: Count(),
      })
      .optional(),
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
    video: 'last-writer',
    conflict: 'last-writer',
    precategorized: 'last-writer',
    matchedAt: 'last-writer',
  },
  maxBytes: 4 * 1024,
});
