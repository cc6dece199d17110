/**
 * Brings a VICS case file's media into a case: one media record per content (the reader's records
 * already merged), its paths as file rows, its series by name, its category, its flags and its
 * pre-categorization. There are no pixels: no thumbnail, no dihedral PDQ (the grid shows a blank
 * tile), exactly what another workbench handed over.
 *
 * Invariants: all or nothing (one transaction); an item already in the case (same SHA-256, else same
 * MD5) is left as it is and counted; a category is taken only when the file's scheme is the case's
 * (a number means nothing in another scheme).
 */
import { ulid } from 'ulidx';

import { categorySlot } from '../../domain/case/category-schemes';
import type { CaseId } from '../../domain/case/ids';
import { MediaKind, UNSORTED, type MediaId, type SeriesId } from '../../domain/case/media';
import type { ExifSummary } from '../../domain/exif/exif-summary';
import type { VicsMedia, VicsProperty } from '../../domain/vics/vics-media';
import { readVideoFacts } from '../../domain/vics/vics-video';
import { MAX_VIDEO_DURATION_MS, MAX_VIDEO_FPS } from '../../contract/records/media.record';
import type { WaymarkDatabase } from './database';
import type { FileRecord, MediaRecord, SeriesRecord } from './records';

export interface VicsCaseImportResult {
  readonly created: number;
  /** Items already in the case (left untouched). */
  readonly existing: number;
  /** Items without an MD5 (the VICS key): not imported. */
  readonly skipped: number;
  readonly seriesCreated: number;
  /** Categories dropped because the file's scheme is not the case's. */
  readonly categoriesDropped: number;
}

function exifOf(pairs: readonly VicsProperty[]): ExifSummary | undefined {
  const get = (...names: string[]) =>
    pairs.find((p) => names.some((n) => n.toLowerCase() === p.name.toLowerCase()))?.value;
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  const lat = num(get('GPSLatitude'));
  const lon = num(get('GPSLongitude'));
  const captured = get('DateTimeOriginal')?.replace(/^(\d{4}):(\d{2}):(\d{2}) /, '$1-$2-$3T');
  const orientation = num(get('Orientation'));
  const exif: Record<string, unknown> = {
    make: get('Make'),
    model: get('Model'),
    serial: get('BodySerialNumber', 'SerialNumber'),
    lensSerial: get('LensSerialNumber'),
    capturedAt: captured,
    gps: lat !== undefined && lon !== undefined && Number.isFinite(lat + lon) ? { lat, lon } : undefined,
    software: get('Software'),
    orientation: orientation !== undefined && Number.isFinite(orientation) ? orientation : undefined,
  };
  for (const k of Object.keys(exif)) if (exif[k] === undefined || exif[k] === '') delete exif[k];
  return Object.keys(exif).length > 0 ? exif : undefined;
}

export async function importVicsCaseMedia(
  db: WaymarkDatabase,
  caseId: CaseId,
  options: { caseSchemeId: string; fileSchemeId: string },
  items: readonly VicsMedia[],
  now = new Date(),
): Promise<VicsCaseImportResult> {
  const at = now.toISOString();
  const sameScheme = options.caseSchemeId === options.fileSchemeId;
  return db.transaction('rw', [db.media, db.files, db.series], async () => {
    const stored = await db.media.where('caseId').equals(caseId).toArray();
    const have = new Set(stored.flatMap((m) => [`sha256:${m.sha256}`, `md5:${m.md5}`]));
    const series = await db.series.where('caseId').equals(caseId).toArray();
    const seriesByName = new Map(series.filter((s) => s.name !== '').map((s) => [s.name, s]));
    let nextNumber = series.reduce((n, s) => Math.max(n, s.number), 0) + 1;
    const newSeries = new Map<string, SeriesRecord>();
    const sizes = new Map<SeriesId, number>();
    let seq = stored.length;
    const media: MediaRecord[] = [];
    const files: FileRecord[] = [];
    const result = { created: 0, existing: 0, skipped: 0, seriesCreated: 0, categoriesDropped: 0 };

    for (const m of items) {
      if (!m.md5) {
        result.skipped++;
        continue;
      }
      if ((m.sha256 && have.has(`sha256:${m.sha256}`)) || have.has(`md5:${m.md5}`)) {
        result.existing++;
        continue;
      }
      have.add(`md5:${m.md5}`);
      if (m.sha256) have.add(`sha256:${m.sha256}`);
      let seriesId = UNSORTED;
      if (m.series) {
        let s = seriesByName.get(m.series) ?? newSeries.get(m.series);
        if (!s) {
          s = {
            id: ulid() as SeriesId,
            caseId,
            number: nextNumber++,
            name: m.series,
            size: 0,
            createdAt: at,
            updatedAt: at,
            version: 1,
          };
          newSeries.set(m.series, s);
        }
        seriesId = s.id;
        sizes.set(s.id, (sizes.get(s.id) ?? 0) + 1);
      }
      let category = m.category ?? null;
      if (category !== null && !sameScheme) {
        category = null;
        result.categoriesDropped++;
      }
      const exif = exifOf(m.exifs);
      const paths = m.files.map((f) => f.filePath ?? f.fileName).filter((p): p is string => Boolean(p));
      const id = ulid() as MediaId;
      // A video with its facts is taken back as a video; without them it is a hash-only item.
      const video = readVideoFacts(m.mimeType, m.metadata, {
        maxDurationMs: MAX_VIDEO_DURATION_MS,
        maxFps: MAX_VIDEO_FPS,
      });
      const flags = {
        ...(m.victimIdentified ? { victimIdentified: true } : {}),
        ...(m.offenderIdentified ? { offenderIdentified: true } : {}),
        ...(m.isDistributed ? { isDistributed: true } : {}),
        ...(m.isSuspected ? { isSuspected: true } : {}),
      };
      const record: MediaRecord = {
        id,
        caseId,
        kind: video ? MediaKind.video : MediaKind.image,
        ...(video ? { durationMs: video.durationMs, fps: video.fps } : {}),
        // Segment categories follow the whole item's: kept only in the same category scheme.
        ...(video?.segments
          ? {
              segments: video.segments.map((seg) => ({
                ...seg,
                category: sameScheme ? seg.category : null,
              })),
            }
          : {}),
        md5: m.md5,
        sha1: m.sha1 ?? '',
        sha256: m.sha256 ?? '',
        bytes: m.mediaSize ?? 0,
        width: video?.width ?? 0,
        height: video?.height ?? 0,
        mimeType: m.mimeType ?? '',
        format: m.mimeType?.split('/')[1] ?? '',
        pdq: m.pdq ?? '',
        // VICS carries no PDQ quality; like a list entry without one, the hash is taken as usable.
        pdqQuality: m.pdq ? 100 : 0,
        pdqDihedral: [],
        firstPath: m.relativeFilePath ?? paths[0] ?? m.md5,
        ...(exif ? { exif } : {}),
        sortAt: exif?.capturedAt ?? '~',
        camera: [exif?.make, exif?.model].filter(Boolean).join(' '),
        hasGps: exif?.gps ? 1 : 0,
        category,
        categorySlot: categorySlot(category),
        seriesId,
        known: 0,
        ...(m.isPrecategorized && category !== null
          ? { precategorizedBy: m.precategorizationSource ?? 'VICS', precategorizedCategory: category }
          : {}),
        ...(Object.keys(flags).length > 0 ? { vicsFlags: flags } : {}),
        seq: seq++,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      media.push(record);
      for (const path of paths.length > 0 ? paths : [record.firstPath])
        files.push({
          id: ulid(),
          caseId,
          mediaId: id,
          path,
          size: record.bytes,
          lastModified: 0,
          sourceKey: `vics|${path}|${m.md5}`,
          updatedAt: at,
          version: 1,
        });
      result.created++;
    }
    const touched = [...series.filter((s) => sizes.has(s.id)), ...newSeries.values()].map((s) => ({
      ...s,
      size: s.size + (sizes.get(s.id) ?? 0),
      updatedAt: at,
    }));
    await db.series.bulkPut(touched);
    await db.media.bulkAdd(media);
    await db.files.bulkAdd(files);
    result.seriesCreated = newSeries.size;
    return result;
  });
}
