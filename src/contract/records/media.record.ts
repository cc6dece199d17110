import { z } from 'zod';

import type { CaseId } from '../../domain/case/ids';
import { MEDIA_KINDS, MediaKind, type MediaId, type SeriesId } from '../../domain/case/media';
import { PDQ_DIHEDRAL_COUNT } from '../../domain/signals/pdq.signal';
import { MAX_VIDEO_SEGMENTS, validSegments } from '../../domain/video/video-segments';
import { defineRecord } from './define-record';
import { brandedId, Count, IsoDateTime, OptionalSignalValue, SeriesRef, SignalValue, Text } from './fields';

/** EXIF as Waymark keeps it (domain/exif/exif-summary.ts), bounded. */
const ExifSummary = z.strictObject({
  make: Text(200).optional(),
  model: Text(200).optional(),
  serial: Text(200).optional(),
  lensSerial: Text(200).optional(),
  capturedAt: z.iso.datetime({ local: true }).optional(),
  gps: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  software: Text(200).optional(),
  orientation: z.int().min(1).max(8).optional(),
  embeddedThumbnailDiffers: z.boolean().optional(),
});

const VicsFlags = z.strictObject({
  victimIdentified: z.boolean().optional(),
  offenderIdentified: z.boolean().optional(),
  isDistributed: z.boolean().optional(),
  isSuspected: z.boolean().optional(),
});

/** Longest video Waymark records (a week): a bound on a value from outside, not a product limit. */
export const MAX_VIDEO_DURATION_MS = 7 * 24 * 3600 * 1000;
/** Highest frame rate a video record may claim. */
export const MAX_VIDEO_FPS = 1000;

/**
 * One distinct file content (SHA-256) of a case: its hashes, metadata, category and series. A video
 * (`kind` video) carries its duration and frame rate here; its frame hashes (vPDQ) are `videoFrames`
 * records, so this record stays small. `pdq` of a video is its first key frame's (the card's picture).
 *
 * Versions: 2 adds `kind` (records before it are images) and the video fields.
 */
export const mediaRecord = defineRecord({
  entity: 'media',
  schema: z
    .strictObject({
      id: brandedId<MediaId>(),
      caseId: brandedId<CaseId>(),
      kind: z.enum(MEDIA_KINDS),
      // VICS keys media by MD5; a record imported from a VICS file may lack the others.
      md5: SignalValue('md5'),
      sha1: OptionalSignalValue('sha1'),
      sha256: OptionalSignalValue('sha256'),
      bytes: Count(),
      width: Count(1_000_000),
      height: Count(1_000_000),
      mimeType: Text(255),
      format: Text(32),
      pdq: OptionalSignalValue('pdq'),
      pdqQuality: Count(100),
      /** The 8 dihedral PDQ hashes, original first; none when the image has no PDQ. */
      pdqDihedral: z.array(SignalValue('pdq')).max(PDQ_DIHEDRAL_COUNT),
      firstPath: Text(4096),
      exif: ExifSummary.optional(),
      /** Grid order: the capture time, else '~' so undated images sort last. */
      sortAt: z.union([z.literal('~'), z.iso.datetime({ local: true })]),
      camera: Text(401),
      hasGps: z.union([z.literal(0), z.literal(1)]),
      category: z.int().min(0).max(99).nullable(),
      seriesId: SeriesRef<SeriesId>(),
      precategorizedBy: Text(500).optional(),
      precategorizedCategory: z.int().min(0).max(99).nullable().optional(),
      vicsFlags: VicsFlags.optional(),
      /** Video only: length in milliseconds and average frames per second. */
      durationMs: Count(MAX_VIDEO_DURATION_MS).optional(),
      fps: z.number().positive().max(MAX_VIDEO_FPS).optional(),
      /** Video only: spans an analyst marked, each with its category (domain/video/video-segments.ts). */
      segments: z
        .array(
          z.strictObject({
            startMs: Count(MAX_VIDEO_DURATION_MS),
            endMs: Count(MAX_VIDEO_DURATION_MS),
            category: z.int().min(0).max(99).nullable(),
          }),
        )
        .max(MAX_VIDEO_SEGMENTS)
        .optional(),
      createdAt: IsoDateTime,
      updatedAt: IsoDateTime,
    })
    .check((ctx) => {
      const { pdq, pdqDihedral, kind, durationMs, fps, segments } = ctx.value;
      if (segments !== undefined && (kind !== MediaKind.video || !validSegments(segments, durationMs ?? 0)))
        ctx.issues.push({
          code: 'custom',
          input: segments,
          path: ['segments'],
          message: "segments are a video's, in order, each within the video",
        });
      // A video says how long it is and how fast it runs (frame stepping, timestamps); an image does not.
      const video = kind === MediaKind.video;
      for (const [field, value] of [
        ['durationMs', durationMs],
        ['fps', fps],
      ] as const)
        if (video !== (value !== undefined))
          ctx.issues.push({
            code: 'custom',
            input: value,
            path: [field],
            message: video ? 'a video needs its duration and frame rate' : 'only videos have this field',
          });
      // Dihedral hashes are the queries of deconfliction: exactly 8 with the record's own PDQ first, or
      // none; a record cannot claim one picture and be searched as another.
      const fits =
        pdqDihedral.length === 0 || (pdqDihedral.length === PDQ_DIHEDRAL_COUNT && pdqDihedral[0] === pdq);
      if (!fits)
        ctx.issues.push({
          code: 'custom',
          input: pdqDihedral,
          path: ['pdqDihedral'],
          message: `${PDQ_DIHEDRAL_COUNT} dihedral hashes, the PDQ first, or none`,
        });
    }),
  fields: {
    id: 'immutable',
    caseId: 'immutable',
    kind: 'immutable',
    md5: 'immutable',
    sha1: 'immutable',
    sha256: 'immutable',
    bytes: 'immutable',
    width: 'immutable',
    height: 'immutable',
    mimeType: 'last-writer',
    format: 'last-writer',
    pdq: 'immutable',
    pdqQuality: 'immutable',
    pdqDihedral: 'immutable',
    firstPath: 'last-writer',
    exif: 'last-writer',
    sortAt: 'last-writer',
    camera: 'last-writer',
    hasGps: 'last-writer',
    // High-stakes: a write names the version it saw; a stale one is shown to the analyst.
    category: 'base-version',
    // Add-wins membership: a move applies only if the image is still where the mover saw it.
    seriesId: 'membership',
    precategorizedBy: 'last-writer',
    precategorizedCategory: 'last-writer',
    vicsFlags: 'base-version',
    durationMs: 'immutable',
    segments: 'last-writer',
    fps: 'immutable',
    createdAt: 'immutable',
    updatedAt: 'last-writer',
  },
  seriesField: 'seriesId',
  maxBytes: 16 * 1024,
  migrations: {
    // Before media kinds every record was an image.
    2: (data) => ({ ...data, kind: MediaKind.image }),
  },
});
