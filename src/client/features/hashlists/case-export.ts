/**
 * Exports a case from the local database: as a VICS 2.0 case file (everything another workbench needs:
 * categories, series names, flags, paths, EXIF, PDQ), and as a signature list for partners (hashes and
 * category only) in CSV or as a VICS hash set.
 *
 * Media are read a slice at a time and fed to the domain writers' lazy generators, so a large case is
 * never held in memory twice: each writer step consumes exactly one media item, and the next slice is
 * read before the buffer runs dry.
 */
import Dexie from 'dexie';

import type { ExifSummary } from '../../../domain/exif/exif-summary';
import type { MediaId } from '../../../domain/case/media';
import { parsePdqHex } from '../../../domain/hashing/pdq-hex';
import { signatureCsvChunks } from '../../../domain/hashlists/signature-csv.writer';
import { videoMetadata } from '../../../domain/vics/vics-video';
import {
  caseSignatures,
  vicsCaseChunks,
  vicsHashSetChunks,
  vicsSegmentForScheme,
  type VicsExportMedia,
} from '../../../domain/vics/vics-writer';
import type { WaymarkDatabase } from '../../db/database';
import type { CaseRecord, FileRecord, MediaRecord, SeriesRecord } from '../../db/records';

const SLICE = 500;
export const SOURCE_APPLICATION = 'Waymark';
export const SOURCE_VERSION = '0.1';

export const ExportKind = {
  vicsCase: 'vics-case',
  signaturesCsv: 'signatures-csv',
  hashSet: 'hash-set',
} as const;
export type ExportKind = (typeof ExportKind)[keyof typeof ExportKind];

/** EXIF as VICS name/value pairs, with EXIF's own tag names and formats. */
export function exifPairs(exif: ExifSummary | undefined): { name: string; value: string }[] {
  if (!exif) return [];
  const pairs: { name: string; value: string }[] = [];
  const put = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') pairs.push({ name, value: String(value) });
  };
  put('Make', exif.make);
  put('Model', exif.model);
  put('BodySerialNumber', exif.serial);
  put('LensSerialNumber', exif.lensSerial);
  put('DateTimeOriginal', exif.capturedAt?.replace(/^(\d{4})-(\d{2})-(\d{2})T/, '$1:$2:$3 '));
  put('GPSLatitude', exif.gps?.lat);
  put('GPSLongitude', exif.gps?.lon);
  put('Software', exif.software);
  put('Orientation', exif.orientation);
  return pairs;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** What the adapter needs besides the media records, read once per export. */
interface CaseContext {
  readonly seriesName: ReadonlyMap<string, string>;
  readonly identifiedSeries: ReadonlySet<string>;
}

async function loadContext(db: WaymarkDatabase, caseId: CaseRecord['id']): Promise<CaseContext> {
  const [series, leads] = await Promise.all([
    db.series.where('caseId').equals(caseId).toArray(),
    db.seriesLeads.where('caseId').equals(caseId).toArray(),
  ]);
  return {
    seriesName: new Map(series.map((s: SeriesRecord) => [s.id, s.name || `Series ${s.number}`])),
    identifiedSeries: new Set(
      leads.filter((l) => l.victim.identified === 'identified').map((l) => l.seriesId),
    ),
  };
}

export function toExportMedia(
  m: MediaRecord,
  files: readonly FileRecord[],
  context: CaseContext,
): VicsExportMedia {
  const series = context.seriesName.get(m.seriesId);
  const pdq = parsePdqHex(m.pdq);
  // Pre-categorized only while the item still has the category the list gave (an analyst may differ).
  const precategorized = m.precategorizedBy !== undefined && m.precategorizedCategory === m.category;
  const flags = m.vicsFlags ?? {};
  const victimIdentified = context.identifiedSeries.has(m.seriesId) || flags.victimIdentified === true;
  return {
    md5: m.md5,
    sha1: m.sha1,
    sha256: m.sha256,
    ...(pdq ? { pdq } : {}),
    category: m.category,
    ...(series ? { series } : {}),
    ...(victimIdentified ? { victimIdentified: true } : {}),
    ...(flags.offenderIdentified ? { offenderIdentified: true } : {}),
    ...(flags.isDistributed ? { isDistributed: true } : {}),
    ...(flags.isSuspected ? { isSuspected: true } : {}),
    isPrecategorized: precategorized,
    ...(precategorized ? { precategorizationSource: m.precategorizedBy } : {}),
    mediaSize: m.bytes,
    mimeType: m.mimeType,
    dateUpdated: m.updatedAt,
    relativeFilePath: m.firstPath,
    // Sorted by path, so the same case always exports the same bytes.
    files: [...files]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((f) => ({ fileName: baseName(f.path), filePath: f.path })),
    exif: exifPairs(m.exif),
    // A video's facts and review segments, so a workbench that reads them takes it back as a video
    // with its segments (vics-video.ts).
    ...(m.kind === 'video' && m.durationMs !== undefined && m.fps !== undefined
      ? {
          metadata: videoMetadata({
            durationMs: m.durationMs,
            fps: m.fps,
            width: m.width,
            height: m.height,
            ...(m.segments ? { segments: m.segments } : {}),
          }),
        }
      : {}),
  };
}

/** The case's media, adapted, a slice at a time, in grid order. */
async function* exportMediaSlices(
  db: WaymarkDatabase,
  record: CaseRecord,
): AsyncGenerator<VicsExportMedia[]> {
  const context = await loadContext(db, record.id);
  const ids: MediaId[] = await db.media
    .where('[caseId+sortAt]')
    .between([record.id, Dexie.minKey], [record.id, Dexie.maxKey])
    .primaryKeys();
  for (let at = 0; at < ids.length; at += SLICE) {
    const slice = ids.slice(at, at + SLICE);
    const [media, files] = await Promise.all([
      db.media.bulkGet(slice),
      db.files.where('mediaId').anyOf(slice).toArray(),
    ]);
    const byMedia = new Map<MediaId, FileRecord[]>();
    for (const f of files) {
      const list = byMedia.get(f.mediaId);
      if (list) list.push(f);
      else byMedia.set(f.mediaId, [f]);
    }
    yield media
      .filter((m): m is MediaRecord => m !== undefined)
      .map((m) => toExportMedia(m, byMedia.get(m.id) ?? [], context));
  }
}

/**
 * Drives a lazy writer over an async source. Invariant the writers keep: after their header, each
 * step pulls at most one item, so one buffered item is always enough for the next step.
 */
async function drive<T>(
  source: AsyncIterator<T[]>,
  writer: (items: Iterable<T>) => Iterator<string>,
): Promise<Blob[]> {
  const buffer: T[] = [];
  let exhausted = false;
  const items: Iterable<T> = {
    [Symbol.iterator]: () => ({
      next: (): IteratorResult<T> => {
        if (buffer.length > 0) return { done: false, value: buffer.shift()! };
        if (exhausted) return { done: true, value: undefined };
        throw new Error('export writer pulled past its buffer');
      },
    }),
  };
  const out = writer(items);
  const parts: Blob[] = [];
  const pending: string[] = [];
  for (;;) {
    while (buffer.length === 0 && !exhausted) {
      const next = await source.next();
      if (next.done) exhausted = true;
      else buffer.push(...next.value);
      // Chunks so far become one Blob part, so the strings can be collected.
      if (pending.length > 0) parts.push(new Blob(pending.splice(0)));
    }
    const step = out.next();
    if (step.done) break;
    pending.push(step.value);
  }
  parts.push(new Blob(pending));
  return parts;
}

export async function exportCase(db: WaymarkDatabase, record: CaseRecord, kind: ExportKind): Promise<Blob> {
  const source = exportMediaSlices(db, record);
  const segment = vicsSegmentForScheme(record.categoryScheme ?? null);
  switch (kind) {
    case ExportKind.vicsCase: {
      const parts = await drive(source, (media) =>
        vicsCaseChunks({
          caseId: record.id,
          caseNumber: record.name,
          segment,
          sourceApplicationName: SOURCE_APPLICATION,
          sourceApplicationVersion: SOURCE_VERSION,
          media,
        }),
      );
      return new Blob(parts, { type: 'application/json' });
    }
    case ExportKind.signaturesCsv:
      return new Blob(await drive(source, (media) => signatureCsvChunks(caseSignatures(media))), {
        type: 'text/csv',
      });
    case ExportKind.hashSet:
      return new Blob(await drive(source, (media) => vicsHashSetChunks(caseSignatures(media), { segment })), {
        type: 'application/json',
      });
  }
}

export function exportFileName(record: CaseRecord, kind: ExportKind): string {
  const stem = record.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'case';
  const suffix = {
    'vics-case': '-vics.json',
    'signatures-csv': '-signatures.csv',
    'hash-set': '-hashset.json',
  };
  return `${stem}${suffix[kind]}`;
}
