import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { VicsMedia } from './vics-media';
import { VicsStreamReader } from './vics-reader';
import {
  caseSignatures,
  vicsCaseChunks,
  vicsHashSetChunks,
  VicsSegment,
  writeVicsCase,
  type VicsExportCase,
  type VicsExportMedia,
} from './vics-writer';

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const text = fc.string({ minLength: 1, maxLength: 20 });
const iso = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const mediaArb: fc.Arbitrary<VicsExportMedia> = fc.record(
  {
    md5: hex(32),
    sha1: hex(40),
    sha256: hex(64),
    pdq: hex(64),
    category: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    series: text,
    comments: text,
    victimIdentified: fc.boolean(),
    offenderIdentified: fc.boolean(),
    isDistributed: fc.boolean(),
    isSuspected: fc.boolean(),
    isPrecategorized: fc.boolean(),
    precategorizationSource: text,
    mediaSize: fc.nat(),
    dateUpdated: iso,
    files: fc.array(
      fc.record(
        { fileName: text, filePath: text, created: iso, deleted: fc.boolean(), unallocated: fc.boolean() },
        { requiredKeys: ['fileName', 'filePath'] },
      ),
      { maxLength: 3 },
    ),
    exif: fc.array(fc.record({ name: text, value: fc.string({ maxLength: 30 }) }), { maxLength: 4 }),
  },
  { requiredKeys: ['md5', 'category', 'files', 'exif'] },
);

function readAll(text: string, chunk: number) {
  const reader = new VicsStreamReader();
  const media: VicsMedia[] = [];
  for (let i = 0; i < text.length; i += chunk) media.push(...reader.push(text.slice(i, i + chunk)).items);
  const end = reader.end();
  media.push(...end.items);
  return { media, fatal: end.fatal, warnings: end.warnings, header: reader.header, cases: reader.cases };
}

/** What a case import keeps of a media item, in export terms. */
function asExported(m: VicsMedia): VicsExportMedia {
  const keep = <T>(v: T | undefined) => v;
  return JSON.parse(
    JSON.stringify({
      md5: m.md5,
      sha1: keep(m.sha1),
      sha256: keep(m.sha256),
      pdq: keep(m.pdq),
      category: m.category ?? null,
      series: keep(m.series),
      comments: keep(m.comments),
      victimIdentified: keep(m.victimIdentified),
      offenderIdentified: keep(m.offenderIdentified),
      isDistributed: keep(m.isDistributed),
      isSuspected: keep(m.isSuspected),
      isPrecategorized: keep(m.isPrecategorized),
      precategorizationSource: keep(m.precategorizationSource),
      mediaSize: keep(m.mediaSize),
      dateUpdated: keep(m.dateUpdated),
      files: m.files.map((f) => ({
        fileName: f.fileName,
        filePath: f.filePath,
        created: f.created,
        deleted: f.deleted,
        unallocated: f.unallocated,
      })),
      exif: m.exifs,
    }),
  ) as VicsExportMedia;
}

const exportCase = (media: VicsExportMedia[]): VicsExportCase => ({
  caseId: '01JDQ7ZK3M8V4N2X9R5T6W7Y8Z',
  caseNumber: 'OP-7',
  segment: VicsSegment.us,
  sourceApplicationName: 'Waymark',
  sourceApplicationVersion: '0.1.0',
  media,
});

describe('VICS 2.0 writer', () => {
  it('round-trips a case: same media, categories, series, flags, files and EXIF', () => {
    fc.assert(
      fc.property(fc.array(mediaArb, { maxLength: 8 }), fc.integer({ min: 1, max: 500 }), (media, chunk) => {
        const {
          media: back,
          fatal,
          warnings,
          header,
          cases,
        } = readAll(writeVicsCase(exportCase(media)), chunk);
        expect(fatal).toBeNull();
        expect(warnings).toEqual([]);
        expect(header).toMatchObject({ version: '2.0', segment: 'US', target: 'Cases' });
        expect(cases).toEqual([
          expect.objectContaining({ caseNumber: 'OP-7', totalMediaFiles: media.length }),
        ]);
        expect(back.map(asExported)).toEqual(
          media.map((m) => JSON.parse(JSON.stringify(m)) as VicsExportMedia),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('writes only Project VIC fields, upper-case MD5 and PDQ in AlternativeHashes', () => {
    const text = writeVicsCase(
      exportCase([{ md5: 'ab'.repeat(16), pdq: 'f'.repeat(64), category: 1, files: [], exif: [] }]),
    );
    const parsed = JSON.parse(text) as { value: { Media: Record<string, unknown>[] }[] };
    expect(parsed).toMatchObject({
      '@odata.context': 'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Cases',
    });
    expect(parsed.value[0]!.Media[0]).toEqual({
      MediaID: 1,
      Category: 1,
      MD5: 'AB'.repeat(16),
      AlternativeHashes: [{ HashName: 'PDQ', HashValue: 'f'.repeat(64) }],
      MediaFiles: [],
    });
  });

  it('streams: one chunk per media record', () => {
    const media = Array.from({ length: 5 }, (_, i) => ({
      md5: i.toString(16).padStart(32, '0'),
      category: null,
      files: [],
      exif: [],
    }));
    expect([...vicsCaseChunks(exportCase(media))]).toHaveLength(5 + 3);
  });

  it('writes a partner hash set with hashes and categories only', () => {
    const media: VicsExportMedia[] = [
      {
        md5: 'ab'.repeat(16),
        sha1: 'cd'.repeat(20),
        pdq: 'e'.repeat(64),
        category: 1,
        series: 'Secret series',
        comments: 'secret note',
        files: [{ fileName: 'victim-name.jpg', filePath: 'C:\\case\\victim-name.jpg' }],
        exif: [{ name: 'BodySerialNumber', value: 'SN123' }],
      },
    ];
    const skipped: unknown[] = [];
    const text = [
      ...vicsHashSetChunks([...caseSignatures(media), { pdq: 'a'.repeat(64), category: 2 }], {
        segment: VicsSegment.us,
        onSkip: (r) => skipped.push(r),
      }),
    ].join('');
    expect(text).not.toMatch(/Secret|secret|victim|SN123|FilePath|Series|Exifs/);
    expect(skipped).toHaveLength(1);
    const { media: back, header } = readAll(text, 13);
    expect(header.target).toBe('Media');
    expect(back).toEqual([
      expect.objectContaining({
        md5: 'ab'.repeat(16),
        sha1: 'cd'.repeat(20),
        pdq: 'e'.repeat(64),
        category: 1,
      }),
    ]);
  });
});

describe('VICS writer against hostile values', () => {
  it('keeps any value inside its field: the file is valid JSON with exactly the fields written', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), fc.string(), (anything, name, path) => {
        // Values as a tampered record might hold them (types as the writer's input only promises).
        const media = {
          md5: '=HYPERLINK("http://x","y")',
          category: anything,
          mediaSize: '1,"x":1',
          series: name,
          relativeFilePath: path,
          sha1: anything,
          pdq: 'zz',
          files: [{ fileName: name, filePath: path }],
          exif: [{ name: '"}],"evil":[{"', value: path }],
        } as unknown as VicsExportMedia;
        const text = writeVicsCase({
          caseId: '"},"Media":[]}',
          segment: VicsSegment.us,
          sourceApplicationName: 'Waymark',
          sourceApplicationVersion: '0.1',
          media: [media],
        });
        const parsed = JSON.parse(text) as { value: [{ CaseID: string; Media: Record<string, unknown>[] }] };
        const written = parsed.value[0].Media[0]!;
        expect(parsed.value[0].CaseID).toBe('"},"Media":[]}');
        expect(written).not.toHaveProperty('MD5'); // not a hash: left out, never pasted in
        expect(written).not.toHaveProperty('MediaSize');
        expect(written).not.toHaveProperty('AlternativeHashes');
        expect(written.Series).toBe(name);
        expect(written.RelativeFilePath).toBe(path);
        expect(Object.keys(written).every((k) => !k.includes('evil'))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
