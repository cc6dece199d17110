import type { CaseId } from '../../../domain/case/ids';
import { MediaKind, UNSORTED, type MediaId, type SeriesId } from '../../../domain/case/media';
import { parsePdqHex, type PdqHex } from '../../../domain/hashing/pdq-hex';
import {
  placeVideos,
  type GroupedImage,
  type VideoPlacement,
  type VideoToPlace,
} from '../../../domain/video/video-grouping';
import { videoSeriesLinkId, videoSeriesLinks } from '../../../domain/video/video-series-links';
import type { VpdqFeature } from '../../../domain/video/vpdq-feature';
import type { WaymarkDatabase } from '../../db/database';
import type { MediaRecord } from '../../db/records';
import { applyGroupUpdates, type GroupUpdate } from '../../db/series.repository';

/**
 * Videos in the case's series, with the domain rules the CLI's `waymark group` uses
 * (domain/video/video-grouping.ts): videos that match each other by vPDQ are one component; a
 * component whose frames (or the pictures inside their bars) match an image joins that image's series
 * (the one with the most matching frames), or founds one with a still that is not in a series yet;
 * matching videos without an image form a series of their own. Videos never merge series: a
 * component linked to several joins one and leaves the others as they are, and each of its videos
 * is shown in those others too (videoSeriesLinks: the series view lists it there, marked linked).
 *
 * When: a batch with videos checks every unplaced video against every image of the case. A batch of
 * images first checks the videos against those images only; when none of its images matches a frame
 * there is nothing to do, else the placement runs over every image of the case, as for new videos. Not
 * over the batch alone: a link's `frames` counts the distinct frames that show its series, and the
 * frames matching the earlier images and those matching the new ones overlap, so neither the batch's
 * count nor the larger of the stored and new counts is the number; only a recount over all the
 * series' images is. An analyst's placement is never undone (series.repository moves only unsorted
 * media).
 */
export async function placeCaseVideos(
  db: WaymarkDatabase,
  caseId: CaseId,
  batch: readonly MediaRecord[],
): Promise<void> {
  const newVideos = batch.some((m) => m.kind === MediaKind.video);
  const videos = await db.media.where('[caseId+kind]').equals([caseId, MediaKind.video]).toArray();
  if (!videos.some((v) => v.seriesId === UNSORTED)) return;
  const frames = await framesOf(db, videos);
  if (!newVideos) {
    const batchImages = (
      await db.media.bulkGet(batch.filter((m) => m.kind !== MediaKind.video).map((m) => m.id))
    ).filter((m): m is MediaRecord => m !== undefined);
    if (!placeVideos(frames, groupImages(batchImages).grouped).some((p) => p.links.length > 0)) return;
  }
  // Placed videos take part too: a new video matching one already in a series joins it.
  const images = await db.media.where('[caseId+kind]').equals([caseId, MediaKind.image]).toArray();
  const { groupKeys, memberOf, grouped } = groupImages(images);
  const placements = placeVideos(frames, grouped);

  const byComponent = new Map<number, { videos: MediaRecord[]; top?: number }>();
  placements.forEach((p, i) => {
    const entry = byComponent.get(p.component) ?? { videos: [] };
    entry.videos.push(videos[i]!);
    if (entry.top === undefined && p.links[0]) entry.top = p.links[0].group;
    byComponent.set(p.component, entry);
  });
  const updates: GroupUpdate[] = [];
  for (const { videos: members, top } of byComponent.values()) {
    const unsorted = members.filter((v) => v.seriesId === UNSORTED).map((v) => v.id);
    if (unsorted.length === 0) continue;
    // Where the component goes: the series one of its videos is in, else its best image's.
    const placed = members.find((v) => v.seriesId !== UNSORTED);
    if (placed) updates.push({ groupKey: `video:${placed.id}`, mediaIds: [placed.id, ...unsorted] });
    else if (top !== undefined)
      updates.push({ groupKey: `video:${memberOf[top]!}`, mediaIds: [memberOf[top]!, ...unsorted] });
    else if (unsorted.length > 1) updates.push({ groupKey: `video:${unsorted[0]!}`, mediaIds: unsorted });
  }
  if (updates.length > 0) await applyGroupUpdates(db, caseId, updates);
  await writeSeriesLinks(db, caseId, placements, videos, (group) => {
    const key = groupKeys[group]!;
    return key.startsWith('s:') ? (key.slice(2) as SeriesId) : null;
  });
}

/**
 * Shows each placed video in the other series its frames show (never moving anyone), against the
 * series it ended in. The placement saw every image of the case, so the videos' links are replaced.
 */
async function writeSeriesLinks(
  db: WaymarkDatabase,
  caseId: CaseId,
  placements: readonly VideoPlacement[],
  videos: readonly MediaRecord[],
  seriesOfGroup: (group: number) => SeriesId | null,
): Promise<void> {
  const ids = videos.map((v) => v.id);
  await db.transaction('rw', [db.media, db.videoSeriesLinks], async () => {
    const now = await db.media.bulkGet(ids);
    const seriesOfVideo = new Map<string, string | null>(
      now.map((m, i) => [ids[i]!, m && m.seriesId !== UNSORTED ? m.seriesId : null]),
    );
    const links = videoSeriesLinks(placements, seriesOfGroup, seriesOfVideo).map((l) => ({
      id: videoSeriesLinkId(l.mediaId, l.seriesId),
      caseId,
      mediaId: l.mediaId as MediaId,
      seriesId: l.seriesId as SeriesId,
      frames: l.frames,
    }));
    // Links sync: only the links that went away are deleted, and a link found again unchanged writes
    // nothing to the outbox (its put changes no field), so a placement sends only what changed.
    const kept = new Set(links.map((l) => l.id));
    const before = await db.videoSeriesLinks.where('mediaId').anyOf(ids).primaryKeys();
    await db.videoSeriesLinks.bulkDelete(before.filter((id) => !kept.has(id)));
    // Over the stored record, so its sync bookkeeping (serverSeq) stays.
    const stored = await db.videoSeriesLinks.bulkGet(links.map((l) => l.id));
    await db.videoSeriesLinks.bulkPut(links.map((l, i) => ({ ...stored[i], ...l })));
  });
}

/**
 * Images as placeVideos' groups: a series' images are one group, an image not in a series yet is
 * its own. `memberOf[group]`: one image of the group (the grouper's handle on it).
 */
function groupImages(images: readonly MediaRecord[]) {
  const groupKeys: string[] = [];
  const groupOf = new Map<string, number>();
  const memberOf: MediaId[] = [];
  const grouped: GroupedImage[] = [];
  for (const image of images) {
    const dihedral = (image.pdqDihedral.length > 0 ? image.pdqDihedral : [image.pdq])
      .map((h) => parsePdqHex(h))
      .filter((h): h is PdqHex => h !== null);
    if (dihedral.length === 0) continue;
    const key = image.seriesId === UNSORTED ? `m:${image.id}` : `s:${image.seriesId}`;
    let group = groupOf.get(key);
    if (group === undefined) {
      group = groupKeys.length;
      groupOf.set(key, group);
      groupKeys.push(key);
      memberOf.push(image.id);
    }
    grouped.push({ group, quality: image.pdqQuality, dihedral });
  }
  return { groupKeys, memberOf, grouped };
}

/** Each video's frames (and pictures inside bars) from its videoFrames parts. */
async function framesOf(db: WaymarkDatabase, videos: readonly MediaRecord[]): Promise<VideoToPlace[]> {
  const parts = await db.videoFrames
    .where('mediaId')
    .anyOf(videos.map((v) => v.id))
    .toArray();
  const frames = new Map<string, { vpdq: VpdqFeature[]; pictureVpdq: VpdqFeature[] }>();
  for (const part of parts.sort((a, b) => a.part - b.part)) {
    const entry = frames.get(part.mediaId) ?? { vpdq: [], pictureVpdq: [] };
    (part.picture ? entry.pictureVpdq : entry.vpdq).push(...part.frames);
    frames.set(part.mediaId, entry);
  }
  return videos.map((v) => ({ id: v.id, ...(frames.get(v.id) ?? { vpdq: [], pictureVpdq: [] }) }));
}
