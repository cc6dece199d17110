import { z } from 'zod';

import type { CaseId } from '../../domain/case/ids';
import { MediaKind, type MediaId, type SeriesId } from '../../domain/case/media';
import { FRAMES_PER_PART, MAX_FRAME_PARTS } from '../../domain/video/video-frame-parts';
import { videoSeriesLinkId } from '../../domain/video/video-series-links';
import { defineRecord } from './define-record';
import { brandedId, Count, RecordId } from './fields';

/**
 * A series a video is shown in besides its own (domain/video/video-series-links.ts): its frames show
 * that series too. Derived by the browser that places the video and synced, so every analyst of the
 * case sees the video in both series. Bounded: one record per video and series (the id says which),
 * and both must be records of the case (`references`, checked by the server), so a case holds at most
 * videos × series links, all of them pointing inside it.
 */
export const videoSeriesLinkRecord = defineRecord({
  entity: 'videoSeriesLinks',
  schema: z
    .strictObject({
      id: RecordId,
      caseId: brandedId<CaseId>(),
      mediaId: brandedId<MediaId>(),
      seriesId: brandedId<SeriesId>(),
      /** Distinct frames of the video's component that show images of that series. */
      frames: Count(FRAMES_PER_PART * MAX_FRAME_PARTS),
    })
    .check((ctx) => {
      const { id, mediaId, seriesId } = ctx.value;
      if (id !== videoSeriesLinkId(mediaId, seriesId))
        ctx.issues.push({
          code: 'custom',
          input: id,
          path: ['id'],
          message: 'id must be <mediaId>:<seriesId>',
        });
    }),
  fields: {
    id: 'immutable',
    caseId: 'immutable',
    mediaId: 'immutable',
    seriesId: 'immutable',
    frames: 'last-writer',
  },
  seriesField: 'seriesId',
  references: {
    mediaId: { entity: 'media', where: { kind: MediaKind.video } },
    seriesId: { entity: 'series' },
  },
  maxBytes: 1024,
});
