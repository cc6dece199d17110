import Dexie from 'dexie';
import { ulid } from 'ulidx';

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
import type { ExifSummary } from '../../domain/exif/exif-summary';
import type { GroupingSignals } from '../../domain/features/compute-features';
import type { ThumbnailRecord, WaymarkDatabase } from './database';
import type { GroupingSignalsRecord } from './grouping-signals.repository';
import type { FileRecord, MediaRecord } from './records';

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

export type IngestedFailure = SourceRef & HashRefusal;

export type IngestedItem = IngestedImage | IngestedFailure;

export interface BatchOutcome {
  /** Media created by this batch (the grouper's input). */
  readonly created: MediaRecord[];
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
    [db.media, db.files, db.thumbnails, db.ingestErrors, db.groupingSignals],
    async (): Promise<BatchOutcome> => {
      const keys = items.map((i) => [caseId, sourceKeyOf(i.path, i.size, i.lastModified)]);
      const [storedFiles, storedErrors] = await Promise.all([
        db.files.where('[caseId+sourceKey]').anyOf(keys).toArray(),
        db.ingestErrors.where('[caseId+sourceKey]').anyOf(keys).toArray(),
      ]);
      const seen = new Set([...storedFiles, ...storedErrors].map((r) => r.sourceKey));
      const images = items.filter((i): i is IngestedImage => i.ok);
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
        let mediaId = bySha.get(item.signature.sha256);
        if (mediaId) duplicates++;
        else {
          mediaId = ulid() as MediaId;
          bySha.set(item.signature.sha256, mediaId);
          media.push(toMedia(caseId, mediaId, item, seq++, at));
          thumbnails.push({
            id: mediaId,
            blob: item.thumbnail,
            width: item.thumbnailWidth,
            height: item.thumbnailHeight,
          });
          if (item.grouping) signals.push({ id: mediaId, caseId, ...item.grouping });
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
      return { created: media, duplicates, failed: errors.length, skipped };
    },
  );
}

function toMedia(caseId: CaseId, id: MediaId, item: IngestedImage, seq: number, at: string): MediaRecord {
  const s = item.signature;
  const exif = item.exif;
  const camera = [exif?.make, exif?.model].filter(Boolean).join(' ');
  const media: MediaRecord = {
    id,
    caseId,
    kind: MediaKind.image,
    md5: s.md5,
    sha1: s.sha1,
    sha256: s.sha256,
    bytes: s.bytes,
    width: s.width,
    height: s.height,
    mimeType: item.mimeType,
    format: item.format,
    pdq: s.pdq,
    pdqQuality: s.pdqQuality,
    pdqDihedral: s.pdqDihedral,
    firstPath: item.path,
    sortAt: exif?.capturedAt ?? '~',
    camera,
    hasGps: exif?.gps ? 1 : 0,
    category: null,
    categorySlot: categorySlot(null),
    seriesId: UNSORTED,
    known: 0,
    seq,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return exif ? { ...media, exif } : media;
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
