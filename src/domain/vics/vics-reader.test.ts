import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { ParseIssue } from '../hashlists/stream-parser';
import type { VicsMedia } from './vics-media';
import { VicsStreamReader } from './vics-reader';

function read(text: string, chunk = 7) {
  const reader = new VicsStreamReader();
  const media: VicsMedia[] = [];
  const warnings: ParseIssue[] = [];
  for (let i = 0; i < text.length; i += chunk) {
    const b = reader.push(text.slice(i, i + chunk));
    media.push(...b.items);
    warnings.push(...b.warnings);
  }
  const end = reader.end();
  media.push(...end.items);
  warnings.push(...end.warnings);
  return { media, warnings, fatal: end.fatal, header: reader.header, cases: reader.cases };
}

// A messy VICS 2.0 case file, as real exporters write them: BOM, string booleans, .NET and US dates,
// upper-case hashes, a wrong TotalMediaFiles, unknown fields, one record without any hash.
const CASE_2_0 = `\uFEFF{
  "@odata.context": "http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Cases",
  "value": [
    {
      "CaseID": "6f1c2a4e-0000-4000-8000-000000000001",
      "CaseNumber": "2026-0042",
      "TotalMediaFiles": 5,
      "SomeVendorField": { "nested": [1, 2, 3] },
      "Media": [
        {
          "MediaID": 1,
          "Category": 1,
          "MD5": "9E107D9D372BB6826BD81D3542A419D6",
          "SHA1": "2FD4E1C67A2D28FCED849EE1BB76E7391B93EB12",
          "VictimIdentified": "true",
          "IsDistributed": "False",
          "DateUpdated": "/Date(1700000000000)/",
          "Series": "Blue Room",
          "AlternativeHashes": [
            { "HashName": "PDQ", "HashValue": "F8F8F0CEE0F4A84F06370A22038F63F0B36E2ED596621E1D33E6B39C4E9C9B22" },
            { "HashName": "PhotoDNA", "HashValue": "AAAA" }
          ],
          "Exifs": [{ "PropertyName": "Make", "PropertyValue": "Example Optics" }],
          "MediaFiles": [
            { "MD5": "9E107D9D372BB6826BD81D3542A419D6", "FileName": "a.jpg", "FilePath": "C:\\\\img\\\\a.jpg",
              "Created": "3/4/2021 1:05:09 PM", "Deleted": "true", "Unknown": 1 }
          ]
        },
        { "MediaID": "2", "Category": null, "MD5": "e4d909c290d0fb1ca068ffaddf22cbd0", "IsPrecategorized": 1 },
        { "MediaID": 3, "Category": "x", "Comments": "no hash here" }
      ]
    }
  ]
}`;

describe('VicsStreamReader', () => {
  it('reads a messy VICS 2.0 case file, warning about what it drops', () => {
    const { media, warnings, fatal, header, cases } = read(CASE_2_0);
    expect(fatal).toBeNull();
    expect(header).toMatchObject({ version: '2.0', segment: 'US', target: 'Cases' });
    expect(media).toHaveLength(2);
    const [a, b] = media;
    expect(a).toMatchObject({
      entry: 1,
      caseIndex: 0,
      category: 1,
      md5: '9e107d9d372bb6826bd81d3542a419d6',
      sha1: '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12',
      pdq: 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22',
      victimIdentified: true,
      isDistributed: false,
      dateUpdated: '2023-11-14T22:13:20.000Z',
      series: 'Blue Room',
      exifs: [{ name: 'Make', value: 'Example Optics' }],
      files: [
        {
          fileName: 'a.jpg',
          filePath: 'C:\\img\\a.jpg',
          created: '2021-03-04T13:05:09.000Z',
          deleted: true,
        },
      ],
    });
    expect(a!.line).toBe(10);
    expect(b).toMatchObject({ entry: 2, mediaId: 2, category: null, isPrecategorized: true });
    expect(cases).toEqual([
      expect.objectContaining({ caseNumber: '2026-0042', totalMediaFiles: 5, mediaCount: 3 }),
    ]);
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: 'field-unreadable', field: 'Category', expected: 'integer' }),
    );
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'no-hash', entry: 3 }));
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: 'case-total-mismatch', caseNumber: 1, declared: 5, found: 3 }),
    );
    for (const w of warnings) expect(w.line).toBeGreaterThan(1);
  });

  it('reads a VICS 1.3 hash set whose header comes last', () => {
    const text = `{"value":[{"MediaID":1,"Category":"2","MD5":"9e107d9d372bb6826bd81d3542a419d6","IsPrecategorized":"TRUE","DateUpdated":"2023-06-07T02:31:49.8300Z"}],
      "odata.metadata":"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media"}`;
    const { media, fatal, header, cases } = read(text, 5);
    expect(fatal).toBeNull();
    expect(header).toMatchObject({ version: '1.3', target: 'Media' });
    expect(cases).toEqual([]);
    expect(media).toEqual([
      expect.objectContaining({
        entry: 1,
        category: 2,
        isPrecategorized: true,
        dateUpdated: '2023-06-07T02:31:49.830Z',
      }),
    ]);
  });

  it('reports a truncated file as fatal, saying where it stopped, and yields nothing after it', () => {
    const cut = CASE_2_0.slice(0, CASE_2_0.indexOf('"MediaID": 3'));
    const { media, fatal } = read(cut);
    // Records read before the end were handed over; the caller discards them because of `fatal`.
    expect(media).toHaveLength(2);
    expect(fatal).toMatchObject({ code: 'not-json', syntax: 'truncated', line: 30 });
  });

  it('refuses JSON that is not VICS', () => {
    expect(read('{"cases": []}').fatal).toMatchObject({ code: 'vics-no-value-list' });
    expect(read('[1,2]').fatal).toMatchObject({ code: 'vics-not-object' });
    expect(read('{"value": [1, {"MD5": "zz"}]}').warnings).toEqual([
      { code: 'entry-not-object', found: 'number', line: 1, column: 12, entry: 1 },
      {
        code: 'field-unreadable',
        field: 'MD5',
        expected: 'md5',
        found: '"zz"',
        line: 1,
        column: 15,
        entry: 2,
      },
      { code: 'no-hash', line: 1, column: 15, entry: 2 },
      { code: 'no-data-model', line: 1 },
    ]);
    expect(read('{"value": [tru]}').fatal).toEqual({
      code: 'not-json',
      syntax: 'unexpected-text',
      text: 'tru]',
      line: 1,
      column: 12,
    });
  });

  it('never throws on random or mutated input, and every problem has a position', () => {
    const mutated = fc
      .tuple(
        fc.nat({ max: CASE_2_0.length }),
        fc.string({ maxLength: 6 }),
        fc.nat({ max: 8 }),
        fc.integer({ min: 1, max: 300 }),
      )
      .map(([at, insert, del, chunk]) => ({
        text: CASE_2_0.slice(0, at) + insert + CASE_2_0.slice(at + del),
        chunk,
      }));
    const random = fc
      .tuple(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.json().map((j) => `{"value":[${j}]}`),
        ),
        fc.integer({ min: 1, max: 50 }),
      )
      .map(([text, chunk]) => ({ text, chunk }));
    fc.assert(
      fc.property(fc.oneof(mutated, random), ({ text, chunk }) => {
        const { media, warnings, fatal } = read(text, chunk);
        // Records found whole in one chunk take the fast path: same records, same positions.
        const whole = read(text, text.length + 1);
        if (!fatal && !whole.fatal)
          expect({ media: whole.media, warnings: whole.warnings }).toEqual({ media, warnings });
        expect(whole.fatal).toEqual(fatal);
        if (fatal) expect(fatal.line).toBeGreaterThanOrEqual(1);
        for (const w of warnings) expect(w.line).toBeGreaterThanOrEqual(1);
        for (const m of media) expect(m.md5 ?? m.sha1 ?? m.sha256 ?? m.pdq).toBeTruthy();
      }),
      { numRuns: 400 },
    );
  });
});
