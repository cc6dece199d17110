import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { MediaId, SeriesId } from '../../../domain/case/media';
import { CsvListParser } from '../../../domain/hashlists/csv-list.parser';
import { vicsSchemeId } from '../../../domain/hashlists/vics-list.parser';
import { VicsMediaMerger } from '../../../domain/vics/vics-merge';
import { VicsStreamReader } from '../../../domain/vics/vics-reader';
import type { VicsCaseRead } from '../../workers/vics-case-read-runner';
import { createCase } from '../../db/cases.repository';
import { WaymarkDatabase } from '../../db/database';
import { saveImportedList } from '../../db/hash-lists.repository';
import { matchCase } from './case-matching';
import { exportCase, exportFileName, ExportKind } from './case-export';
import { hex, mediaRecord } from './test-fixtures';
import { importVicsCaseFile } from './vics-case-import';
import type { CaseRecord } from '../../db/records';

/** The worker's read, in process (the client realm may not import worker code; the domain it uses). */
async function readInProcess(file: Blob): Promise<VicsCaseRead> {
  const reader = new VicsStreamReader();
  const merger = new VicsMediaMerger();
  const first = reader.push(await file.text());
  const end = reader.fatal ? null : reader.end();
  const fatal = reader.fatal ?? end?.fatal ?? null;
  if (fatal) return { ok: false, fatal };
  for (const m of [...first.items, ...(end?.items ?? [])]) merger.add(m);
  return { ok: true, media: merger.media(), schemeId: vicsSchemeId(reader.header), warnings: 0, merged: 0 };
}

let db: WaymarkDatabase;
let record: CaseRecord;

beforeEach(async () => {
  db = new WaymarkDatabase(`export-${Math.random()}`);
  const made = await createCase(db, 'Op Export / 1');
  if (!made.ok) throw new Error('no case');
  record = made.record;
  const c = record.id;
  await db.series.add({
    id: 'S1' as SeriesId,
    caseId: c,
    number: 1,
    name: 'Beach',
    size: 2,
    createdAt: '',
    updatedAt: '',
    version: 1,
  });
  await db.series.add({
    id: 'S2' as SeriesId,
    caseId: c,
    number: 2,
    name: '',
    size: 1,
    createdAt: '',
    updatedAt: '',
    version: 1,
  });
  await db.seriesLeads.add({
    id: 'S2',
    caseId: c,
    seriesId: 'S2',
    status: 'open',
    victim: {
      ageMin: null,
      ageMax: null,
      sex: 'unknown',
      identified: 'identified',
      identifiedOn: '2026-01-01',
    },
    offenderLeads: [],
    locations: [],
    tags: [],
    version: 1,
    updatedAt: '',
    updatedBy: 'a',
  } as never);
  await db.media.bulkAdd([
    mediaRecord(c, 1, {
      seriesId: 'S1' as SeriesId,
      exif: { make: 'Example Optics', capturedAt: '2016-10-16T11:05:44', gps: { lat: 1.5, lon: 2.25 } },
    }),
    mediaRecord(c, 2, { seriesId: 'S1' as SeriesId, category: 2, categorySlot: 2 }),
    mediaRecord(c, 3, { seriesId: 'S2' as SeriesId }),
  ]);
  const file = (n: number, path: string) => ({
    id: `F${n}-${path}`,
    caseId: c,
    mediaId: `M${n}` as MediaId,
    path,
    size: 1,
    lastModified: 0,
    sourceKey: path,
    updatedAt: '',
    version: 1,
  });
  await db.files.bulkAdd([
    file(1, 'dir/img1.jpg'),
    file(1, 'copy/img1.jpg'),
    file(2, 'dir/img2.jpg'),
    file(3, 'img3.png'),
  ]);
  await saveImportedList(db, {
    name: 'Known',
    source: 'known.csv',
    format: 'csv',
    schemeId: 'vic-us',
    kind: 'known',
    entries: [{ ordinal: 1, line: 2, md5: hex(1, 32), category: 1 }],
  });
  await matchCase(db, c, 'vic-us');
});
afterEach(async () => {
  await db.delete();
});

describe('case export', () => {
  it('writes VICS 2.0 that reads back to the same media, categories, series, flags, paths and EXIF', async () => {
    const text = await (await exportCase(db, record, ExportKind.vicsCase)).text();
    const reader = new VicsStreamReader();
    const media = [...reader.push(text).items];
    const end = reader.end();
    media.push(...end.items);
    expect(end.fatal).toBeNull();
    expect(reader.header.segment).toBe('US');
    expect(media).toHaveLength(3);
    const byMd5 = new Map(media.map((m) => [m.md5, m]));
    expect(byMd5.get(hex(1, 32))).toMatchObject({
      category: 1,
      series: 'Beach',
      sha256: hex(1, 64),
      pdq: hex(1, 64),
      isPrecategorized: true,
      precategorizationSource: 'Known',
    });
    expect(
      byMd5
        .get(hex(1, 32))
        ?.files.map((f) => f.filePath)
        .sort(),
    ).toEqual(['copy/img1.jpg', 'dir/img1.jpg']);
    expect(byMd5.get(hex(1, 32))?.exifs).toEqual(
      expect.arrayContaining([
        { name: 'Make', value: 'Example Optics' },
        { name: 'DateTimeOriginal', value: '2016:10:16 11:05:44' },
        { name: 'GPSLatitude', value: '1.5' },
      ]),
    );
    expect(byMd5.get(hex(2, 32))).toMatchObject({ category: 2, series: 'Beach', isPrecategorized: false });
    expect(byMd5.get(hex(3, 32))).toMatchObject({
      category: null,
      series: 'Series 2',
      victimIdentified: true,
    });
  });

  it('writes signatures with hashes and categories only, as CSV the list parser reads back and as a hash set', async () => {
    const csv = await (await exportCase(db, record, ExportKind.signaturesCsv)).text();
    expect(csv).not.toMatch(/img|dir|copy|Beach|Series|Known/);
    const parser = new CsvListParser();
    const entries = [...parser.push(csv).items, ...parser.end().items];
    expect(entries.map((e) => [e.md5, e.category ?? null]).sort()).toEqual([
      [hex(1, 32), 1],
      [hex(2, 32), 2],
      [hex(3, 32), null],
    ]);
    const set = await (await exportCase(db, record, ExportKind.hashSet)).text();
    expect(set).not.toMatch(/MediaFiles|img|Beach|Series|Precategoriz/);
    expect((JSON.parse(set) as { value: unknown[] }).value).toHaveLength(3);
  });

  it('streams a case larger than one slice in order, and names files after the case', async () => {
    await db.media.bulkAdd(Array.from({ length: 1200 }, (_, i) => mediaRecord(record.id, 100 + i)));
    const text = await (await exportCase(db, record, ExportKind.vicsCase)).text();
    const parsed = JSON.parse(text) as { value: { Media: unknown[]; TotalMediaFiles: number }[] };
    expect(parsed.value[0]?.Media).toHaveLength(1203);
    expect(parsed.value[0]?.TotalMediaFiles).toBe(1203);
    expect(exportFileName(record, ExportKind.signaturesCsv)).toBe('Op-Export-1-signatures.csv');
  });

  it('round trip: export as VICS 2.0, import into an empty case, get the same media, categories, series and flags', async () => {
    const first = await exportCase(db, record, ExportKind.vicsCase);
    const made = await createCase(db, 'Empty');
    if (!made.ok) throw new Error('no case');
    const outcome = await importVicsCaseFile(db, made.record, first, readInProcess);
    expect(outcome).toMatchObject({
      ok: true,
      created: 3,
      existing: 0,
      seriesCreated: 2,
      categoriesDropped: 0,
    });
    // Importing the same file again adds nothing.
    expect(await importVicsCaseFile(db, made.record, first, readInProcess)).toMatchObject({
      ok: true,
      created: 0,
      existing: 3,
    });
    const second = await exportCase(db, made.record, ExportKind.vicsCase);
    const strip = (text: string) =>
      (JSON.parse(text) as { value: { Media: Record<string, unknown>[] }[] }).value[0]!.Media.map(
        ({ MediaID: _id, DateUpdated: _at, ...rest }) => rest,
      ).sort((a, b) => String(a.MD5).localeCompare(String(b.MD5)));
    expect(strip(await second.text())).toEqual(strip(await first.text()));
  });

  it('round trip of a video: exported with its facts and segments, imported back as a video with the same hashes', async () => {
    const SEGMENTS = [
      { startMs: 1000, endMs: 2500, category: 2 },
      { startMs: 1200, endMs: 6867, category: null },
    ];
    await db.media.add(
      mediaRecord(record.id, 4, {
        kind: 'video',
        mimeType: 'video/mp4',
        format: 'mp4',
        width: 640,
        height: 480,
        durationMs: 6867,
        fps: 29.97,
        firstPath: 'clips/clip.mp4',
        segments: SEGMENTS,
      }),
    );
    const first = await exportCase(db, record, ExportKind.vicsCase);
    const made = await createCase(db, 'Empty');
    if (!made.ok) throw new Error('no case');
    expect(await importVicsCaseFile(db, made.record, first, readInProcess)).toMatchObject({
      ok: true,
      created: 4,
    });
    const back = await db.media.where('caseId').equals(made.record.id).toArray();
    const video = back.find((m) => m.md5 === hex(4, 32))!;
    expect(video).toMatchObject({
      kind: 'video',
      sha1: hex(4, 40),
      mimeType: 'video/mp4',
      durationMs: 6867,
      fps: 29.97,
      width: 640,
      height: 480,
      segments: SEGMENTS,
    });
    expect(back.filter((m) => m.kind === 'image')).toHaveLength(3);
    const second = await exportCase(db, made.record, ExportKind.vicsCase);
    const mediaOf = async (blob: Blob) =>
      (
        JSON.parse(await blob.text()) as { value: { Media: Record<string, unknown>[] }[] }
      ).value[0]!.Media.find((m) => m.MD5 === hex(4, 32).toUpperCase());
    expect((await mediaOf(second))!.MediaMetadata).toEqual((await mediaOf(first))!.MediaMetadata);
    expect((await mediaOf(first))!.MediaMetadata).toEqual(
      expect.arrayContaining([
        { PropertyName: 'WaymarkVideoSegment', PropertyValue: 'start=1.000;end=2.500;category=2' },
        { PropertyName: 'WaymarkVideoSegment', PropertyValue: 'start=1.200;end=6.867' },
      ]),
    );
  });

  it('a file that is not VICS imports nothing and says where', async () => {
    const made = await createCase(db, 'Empty');
    if (!made.ok) throw new Error('no case');
    const outcome = await importVicsCaseFile(
      db,
      made.record,
      new Blob(['{"value": [ {"Media": [ {"MD5": ']),
      readInProcess,
    );
    expect(outcome.ok).toBe(false);
    expect(await db.media.where('caseId').equals(made.record.id).count()).toBe(0);
  });
});
