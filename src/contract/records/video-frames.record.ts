import { z } from 'zod';

import type { CaseId } from '../../domain/case/ids';
import type { MediaId } from '../../domain/case/media';
import { framePartId, FRAMES_PER_PART, MAX_FRAME_PARTS } from '../../domain/video/video-frame-parts';
import { defineRecord } from './define-record';
import { brandedId, Count, IsoDateTime, RecordId, SignalValue } from './fields';

/** Seconds from the start of a video (a week at most); -1 when a hash file did not say. */
const Timestamp = z
  .number()
  .min(-1)
  .max(7 * 24 * 3600);

const Frame = z.strictObject({
  frame: Count(),
  quality: Count(100),
  pdq: SignalValue('vpdq'),
  timestamp: Timestamp,
});

/**
 * Part of a video's vPDQ frame hashes (domain/video/video-frame-parts.ts): the media record stays
 * small and the server stores and validates the frames in bounded records it can index for
 * deconfliction. Written once by the browser that hashed the video; never edited.
 */
export const videoFramesRecord = defineRecord({
  entity: 'videoFrames',
  schema: z
    .strictObject({
      id: RecordId,
      caseId: brandedId<CaseId>(),
      mediaId: brandedId<MediaId>(),
      part: Count(MAX_FRAME_PARTS - 1),
      parts: z.int().min(1).max(MAX_FRAME_PARTS),
      /** The sampling the frames were hashed with (0 = every frame). */
      secondsPerHash: z.number().min(0).max(3600),
      /** True: hashes of the picture inside the frames' bars (a still shown letterboxed or pillarboxed). */
      picture: z.boolean(),
      frames: z.array(Frame).min(1).max(FRAMES_PER_PART),
      createdAt: IsoDateTime,
    })
    .check((ctx) => {
      const { id, mediaId, part, parts, frames } = ctx.value;
      // The id names the media and the part: at most MAX_FRAME_PARTS records per video, by construction.
      if (id !== framePartId(mediaId, part))
        ctx.issues.push({ code: 'custom', input: id, path: ['id'], message: 'id must be <mediaId>.<part>' });
      if (part >= parts)
        ctx.issues.push({ code: 'custom', input: part, path: ['part'], message: 'part beyond parts' });
      // Distinct hashes only: a record cannot make the server index the same frame many times.
      if (new Set(frames.map((f) => f.pdq)).size !== frames.length)
        ctx.issues.push({
          code: 'custom',
          input: frames,
          path: ['frames'],
          message: 'duplicate frame hashes',
        });
    }),
  fields: {
    id: 'immutable',
    caseId: 'immutable',
    mediaId: 'immutable',
    part: 'immutable',
    parts: 'immutable',
    secondsPerHash: 'immutable',
    picture: 'immutable',
    frames: 'immutable',
    createdAt: 'immutable',
  },
  // 256 frames of ~110 bytes of JSON each.
  maxBytes: 32 * 1024,
});
