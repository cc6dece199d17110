/**
 * The other series a video is shown in. A video (its vPDQ component) joins one series, the one it is
 * placed in; every other series its frames show (placeVideos' links) gets a link: the video is shown
 * there too, marked as linked, and the two series stay apart.
 *
 * Invariant: a link never names the video's own series, never names a group that has no series, and
 * is one per video and series (the most frames kept); links change no membership.
 *
 * Links sync (contract/records/video-series-link.record.ts) under an id made of the video and the
 * series (`videoSeriesLinkId`), so two browsers that find the same link write the same record.
 */
import type { VideoPlacement } from './video-grouping';

/** `<mediaId>:<seriesId>`: one record per video and series, whoever finds it. */
export const videoSeriesLinkId = (mediaId: string, seriesId: string) => `${mediaId}:${seriesId}`;

export interface VideoSeriesLink {
  readonly mediaId: string;
  readonly seriesId: string;
  /** Distinct frames of the video's component that show images of that series. */
  readonly frames: number;
}

export function videoSeriesLinks(
  placements: readonly VideoPlacement[],
  /** The series an image group is (null: images not in a series yet). */
  seriesOfGroup: (group: number) => string | null,
  /** The series each video is in now (after placement); null or absent: not placed. */
  seriesOfVideo: ReadonlyMap<string, string | null>,
): VideoSeriesLink[] {
  const out = new Map<string, VideoSeriesLink>();
  for (const p of placements) {
    const own = seriesOfVideo.get(p.id) ?? null;
    for (const link of p.links) {
      const seriesId = seriesOfGroup(link.group);
      if (seriesId === null || seriesId === own) continue;
      const key = `${p.id}\u0000${seriesId}`;
      const prev = out.get(key);
      if (!prev || prev.frames < link.frames) out.set(key, { mediaId: p.id, seriesId, frames: link.frames });
    }
  }
  return [...out.values()];
}
