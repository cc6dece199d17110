import Dexie from 'dexie';
import { ulid } from 'ulidx';

import { MAX_VIDEO_DURATION_MS, MAX_VIDEO_FPS } from '../../contract/records/media.record';
import { categorySlot } from '../../domain/case/category-schemes';
import type { CaseId } from '../../domain/case/ids';
import {
  MediaKind,
  sourceKeyOf,
  UNSORTED,
  type IngestErrorRecord,
  type MediaId,
} from '../../domain/case/media';
import type { ImageSignature } from '../../domain/hashing/file-signature';
import type { HashRefusal } from '../../domain/hashing/hash-problem';
import { PDQ_MIN_QUALITY } from '../../domain/signals/pdq.signal';
import { framePartId, framePartsOf } from '../../domain/video/video-frame-parts';
import type { VideoSignature } from '../../domain/video/video-signature';
import type { ExifSummary } from '../../domain/exif/exif-summary';
import type { GroupingSignals } from '../../domain/features/compute-features';
import type { FilmstripFrame, FilmstripRecord, ThumbnailRecord, WaymarkDatabase } from './database';
import type { GroupingSignalsRecord } from './grouping-signals.repository';
import type { FileRecord, MediaRecord, VideoFramesRecord } from './records';

/**
 * The ingest's one writer: a batch of results becomes media, file paths, thumbnails and error rows
 * in ONE transaction, so a failure (a full disk above all) leaves nothing of the batch behind.
 * Exact duplicates (same SHA-256 in the case) become one media record with several file rows.
 */
export interface SourceRef {
  readonly path: string;
  readonly size: number;
  readonly lastModified: number;
}

export interface IngestedImage extends SourceRef {
  readonly ok: true;
  readonly kind?: 'image';
  readonly signature: ImageSignature;
  readonly mimeType: string;
  readonly format: string;
  readonly thumbnail: Blob;
  readonly thumbnailWidth: number;
  readonly thumbnailHeight: number;
  readonly exif?: ExifSummary;
  /** Region hashes and keypoints (stored apart, local only: see grouping-signals.repository). */
  readonly grouping?: GroupingSignals;
}

/** A video: its signature (vPDQ frames, key frames), its card picture and its key-frame thumbnails. */
export interface IngestedVideo extends SourceRef {
  readonly ok: true;
  readonly kind: 'video';
  readonly signature: VideoSignature;
  readonly mimeType: string;
  readonly format: string;
  readonly thumbnail: Blob;
  readonly thumbnailWidth: number;
  readonly thumbnailHeight: number;
  readonly filmstrip: readonly FilmstripFrame[];
}

export type IngestedFailure = SourceRef & HashRefusal;

export type IngestedItem = IngestedImage | IngestedVideo | IngestedFailure;

/** The ingest error reason of a video that decoded only in part (it is added; the analyst is told). */
export const VIDEO_INCOMPLETE = 'video-incomplete';

export interface BatchOutcome {
  /** Media created by this batch (the grouper's input). */
  readonly created: MediaRecord[];
  /** The grouping signals stored with them: handed to the grouper, which need not read them back. */
  readonly signals: readonly GroupingSignalsRecord[];
  readonly duplicates: number;
  readonly failed: number;
  /** Items whose source was already stored (a second add of the same source). */
  readonly skipped: number;
}

export function isQuotaError(cause: unknown): boolean {
  if (!(cause instanceof Error) && !(cause instanceof DOMException)) return false;
  const inner = (cause as { inner?: unknown }).inner;
  return (
    cause.name === 'QuotaExceededError' ||
    (inner instanceof Error && inner.name === 'QuotaExceededError') ||
    (inner instanceof DOMException && inner.name === 'QuotaExceededError')
  );
}

export async function writeIngestBatch(
  db: WaymarkDatabase,
  caseId: CaseId,
  items: readonly IngestedItem[],
  now = new Date(),
): Promise<BatchOutcome> {
  const at = now.toISOString();
  return db.transaction(
    'rw',
    [db.media, db.files, db.thumbnails, db.ingestErrors, db.groupingSignals, db.videoFrames, db.filmstrips],
    async (): Promise<BatchOutcome> => {
      const keys = items.map((i) => [caseId, sourceKeyOf(i.path, i.size, i.lastModified)]);
      const [storedFiles, storedErrors] = await Promise.all([
        db.files.where('[caseId+sourceKey]').anyOf(keys).toArray(),
        db.ingestErrors.where('[caseId+sourceKey]').anyOf(keys).toArray(),
      ]);
      const seen = new Set([...storedFiles, ...storedErrors].map((r) => r.sourceKey));
      const images = items.filter((i): i is IngestedImage | IngestedVideo => i.ok);
      const existing = await db.media
        .where('[caseId+sha256]')
        .anyOf(images.map((i) => [caseId, i.signature.sha256]))
        .toArray();
      const bySha = new Map<string, MediaId>(existing.map((m) => [m.sha256, m.id]));
      let seq = await db.media.where('caseId').equals(caseId).count();

      const media: MediaRecord[] = [];
      const thumbnails: ThumbnailRecord[] = [];
      const signals: GroupingSignalsRecord[] = [];
      const files: FileRecord[] = [];
      const frames: VideoFramesRecord[] = [];
      const filmstrips: FilmstripRecord[] = [];
      const errors: IngestErrorRecord[] = [];
      let duplicates = 0;
      let skipped = 0;
      for (const item of items) {
        const sourceKey = sourceKeyOf(item.path, item.size, item.lastModified);
        if (seen.has(sourceKey)) {
          skipped++;
          continue;
        }
        seen.add(sourceKey);
        if (!item.ok) {
          errors.push({
            id: ulid(),
            caseId,
            path: item.path,
            sourceKey,
            reason: item.reason,
            problem: item.problem,
            ...(item.detail === undefined ? {} : { detail: item.detail }),
            at,
          });
          continue;
        }
        if (item.kind === 'video' && item.signature.decodedMs !== undefined)
          errors.push({
            id: ulid(),
            caseId,
            path: item.path,
            sourceKey,
            reason: VIDEO_INCOMPLETE,
            incomplete: { decodedMs: item.signature.decodedMs, durationMs: item.signature.durationMs },
            at,
          });
        let mediaId = bySha.get(item.signature.sha256);
        if (mediaId) duplicates++;
        else {
          mediaId = ulid() as MediaId;
          bySha.set(item.signature.sha256, mediaId);
          if (item.kind === 'video') {
            media.push(toVideoMedia(caseId, mediaId, item, seq++, at));
            frames.push(...toFrameRecords(caseId, mediaId, item.signature, at));
            filmstrips.push({ id: mediaId, frames: item.filmstrip });
          } else media.push(toMedia(caseId, mediaId, item, seq++, at));
          thumbnails.push({
            id: mediaId,
            blob: item.thumbnail,
            width: item.thumbnailWidth,
            height: item.thumbnailHeight,
          });
          if (item.kind !== 'video' && item.grouping) signals.push({ id: mediaId, caseId, ...item.grouping });
        }
        files.push({
          id: ulid(),
          caseId,
          mediaId,
          path: item.path,
          size: item.size,
          lastModified: item.lastModified,
          sourceKey,
          updatedAt: at,
          version: 1,
        });
      }
      await db.media.bulkAdd(media);
      await db.thumbnails.bulkAdd(thumbnails);
      await db.groupingSignals.bulkAdd(signals);
      await db.files.bulkAdd(files);
      await db.ingestErrors.bulkAdd(errors);
      await db.videoFrames.bulkAdd(frames);
      await db.filmstrips.bulkAdd(filmstrips);
      return { created: media, signals, duplicates, failed: errors.length, skipped };
    },
  );
}

function toMedia(caseId: CaseId, id: MediaId, item: IngestedImage, seq: number, at: string): MediaRecord {
  const s = item.signature;
  const exif = item.exif;
  const camera = [exif?.make, exif?.model].filter(Boolean).join(' ');
  const media: MediaRecord = {
    ...freshMedia(caseId, id, item, seq, at),
    kind: MediaKind.image,
    pdq: s.pdq,
    pdqQuality: s.pdqQuality,
    pdqDihedral: s.pdqDihedral,
    sortAt: exif?.capturedAt ?? '~',
    camera,
    hasGps: exif?.gps ? 1 : 0,
  };
  return exif ? { ...media, exif } : media;
}

type FreshMediaFields = Omit<
  MediaRecord,
  'kind' | 'pdq' | 'pdqQuality' | 'pdqDihedral' | 'sortAt' | 'camera' | 'hasGps' | 'exif'
>;

/** What every newly ingested file's record starts with, image or video: its file facts, not yet reviewed. */
function freshMedia(
  caseId: CaseId,
  id: MediaId,
  item: IngestedImage | IngestedVideo,
  seq: number,
  at: string,
): FreshMediaFields {
  const s = item.signature;
  return {
    id,
    caseId,
    md5: s.md5,
    sha1: s.sha1,
    sha256: s.sha256,
    bytes: s.bytes,
    width: s.width,
    height: s.height,
    mimeType: item.mimeType,
    format: item.format,
    firstPath: item.path,
    category: null,
    categorySlot: categorySlot(null),
    seriesId: UNSORTED,
    known: 0,
    seq,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/**
 * A video's media record: stream facts, no EXIF; its PDQ is its first usable key frame's (what the
 * card shows), without dihedral hashes (a video is matched by its frames, in videoFrames records).
 */
function toVideoMedia(
  caseId: CaseId,
  id: MediaId,
  item: IngestedVideo,
  seq: number,
  at: string,
): MediaRecord {
  const s = item.signature;
  const byFrame = new Map(s.vpdq.map((f) => [f.frame, f]));
  const face =
    s.keyFrames.map((n) => byFrame.get(n)).find((f) => f && f.quality >= PDQ_MIN_QUALITY) ??
    s.vpdq.find((f) => f.quality >= PDQ_MIN_QUALITY);
  return {
    ...freshMedia(caseId, id, item, seq, at),
    kind: MediaKind.video,
    pdq: face?.pdq ?? '',
    pdqQuality: face?.quality ?? 0,
    pdqDihedral: [],
    sortAt: '~',
    camera: '',
    hasGps: 0,
    durationMs: Math.min(s.durationMs, MAX_VIDEO_DURATION_MS),
    // A stream that gave no rate (a single frame) still needs one for stepping and timestamps.
    fps: Number.isFinite(s.fps) && s.fps > 0 ? Math.min(s.fps, MAX_VIDEO_FPS) : 1,
  };
}

/** The video's frame hashes as bounded records (domain/video/video-frame-parts.ts). */
function toFrameRecords(
  caseId: CaseId,
  mediaId: MediaId,
  s: VideoSignature,
  at: string,
): VideoFramesRecord[] {
  return framePartsOf(s.vpdq, s.pictureVpdq).map((p) => ({
    id: framePartId(mediaId, p.part),
    caseId,
    mediaId,
    part: p.part,
    parts: p.parts,
    secondsPerHash: s.secondsPerHash,
    picture: p.picture,
    frames: p.frames.map((f) => ({
      frame: f.frame,
      quality: f.quality,
      pdq: f.pdq,
      timestamp: Math.max(-1, f.timestamp),
    })),
    createdAt: at,
  }));
}

/** Every source key already stored for a case (files and errors): the resume skip-list. */
export async function storedSourceKeys(db: WaymarkDatabase, caseId: CaseId): Promise<Set<string>> {
  // Index keys only ([caseId, sourceKey]): no record is read, so this stays fast at 100,000 files.
  const range = [
    [caseId, Dexie.minKey],
    [caseId, Dexie.maxKey],
  ] as const;
  const [files, errors] = await Promise.all([
    db.files
      .where('[caseId+sourceKey]')
      .between(...range)
      .keys(),
    db.ingestErrors
      .where('[caseId+sourceKey]')
      .between(...range)
      .keys(),
  ]);
  return new Set([...files, ...errors].map((key) => String((key as unknown[])[1])));
}
