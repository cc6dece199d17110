import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { CsvListParser } from './csv-list.parser';
import { createListParser, detectListFormat } from './list-format';
import { importListText } from './list-import';
import { PdqListParser } from './pdq-list.parser';
import { writeSignatureCsv } from './signature-csv.writer';
import type { ParsedListEntry } from './hash-list';
import type { ChunkParser, ParseIssue } from './stream-parser';

const PDQ_A = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const PDQ_B = '0000000000000000000000000000000000000000000000000000000000000001';
const MD5 = '9e107d9d372bb6826bd81d3542a419d6';
const SHA1 = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12';

function run(parser: ChunkParser<ParsedListEntry>, text: string, chunk = 5) {
  const items: ParsedListEntry[] = [];
  const warnings: ParseIssue[] = [];
  for (let i = 0; i < text.length; i += chunk) {
    const b = parser.push(text.slice(i, i + chunk));
    items.push(...b.items);
    warnings.push(...b.warnings);
  }
  const end = parser.end();
  items.push(...end.items);
  warnings.push(...end.warnings);
  return { items, warnings, fatal: end.fatal };
}

describe('CSV lists', () => {
  it('finds columns from the header, in any order and case, with quotes, CRLF and a BOM', () => {
    const text = `\uFEFF# exported 2026-11-01\r\nLabel;Category;MD5;PDQ_Hash;Quality\r\n"a ""quoted""; label";1;${MD5.toUpperCase()};${PDQ_A};90\r\n;;;${PDQ_B};\r\n`;
    const { items, warnings, fatal } = run(new CsvListParser(), text, 3);
    expect(fatal).toBeNull();
    expect(warnings).toEqual([]);
    expect(items).toEqual([
      { ordinal: 1, line: 3, label: 'a "quoted"; label', category: 1, md5: MD5, pdq: PDQ_A, pdqQuality: 90 },
      { ordinal: 2, line: 4, pdq: PDQ_B },
    ]);
  });

  it('skips bad rows with the line and entry, and keeps going', () => {
    const text = `md5,sha1,category\n${MD5},nothex,x\nzz,,\n,${SHA1},2\n`;
    const { items, warnings, fatal } = run(new CsvListParser(), text);
    expect(fatal).toBeNull();
    expect(items).toEqual([
      { ordinal: 1, line: 2, md5: MD5 },
      { ordinal: 3, line: 4, sha1: SHA1, category: 2 },
    ]);
    expect(warnings).toEqual([
      { code: 'bad-hash', hash: 'sha1', value: 'nothex', line: 2, entry: 1 },
      { code: 'bad-category', value: 'x', line: 2, entry: 1 },
      { code: 'bad-hash', hash: 'md5', value: 'zz', line: 3, entry: 2 },
      { code: 'no-hash', line: 3, entry: 2 },
    ]);
  });

  it('reads a headerless digest list by length, and refuses a file without hash columns', () => {
    expect(run(new CsvListParser(), `${MD5}\n${MD5.toUpperCase()}\n`).items).toEqual([
      { ordinal: 1, line: 1, md5: MD5 },
      { ordinal: 2, line: 2, md5: MD5 },
    ]);
    const bad = run(new CsvListParser(), 'name,size\nfoo,1\n');
    expect(bad.fatal).toEqual({ code: 'not-a-header', text: 'name,size', line: 1 });
    expect(run(new CsvListParser(), `md5,label\n${MD5},"never closed\n`).fatal).toEqual({
      code: 'quote-not-closed',
      line: 2,
    });
    expect(run(new CsvListParser(), '# only a comment\n').fatal).toEqual({ code: 'no-header', line: 1 });
    expect(run(new CsvListParser(), `md5\n${'a'.repeat((1 << 20) + 1)}\n`).fatal).toEqual({
      code: 'line-too-long',
      maxChars: 1 << 20,
      line: 2,
    });
  });
});

describe('PDQ lists', () => {
  it('reads hex[,quality][,label] lines as ThreatExchange and HMA write them', () => {
    const text = `hash,quality\n${PDQ_A},100,beach photo\n${PDQ_B.toUpperCase()}\t52\npdq ${PDQ_A}\n\n# note\n${PDQ_A.slice(2)},10\n${PDQ_B} 77 two words\n`;
    const { items, warnings, fatal } = run(new PdqListParser(), text, 11);
    expect(fatal).toBeNull();
    expect(items).toEqual([
      { ordinal: 1, line: 2, pdq: PDQ_A, pdqQuality: 100, label: 'beach photo' },
      { ordinal: 2, line: 3, pdq: PDQ_B, pdqQuality: 52 },
      { ordinal: 3, line: 4, pdq: PDQ_A },
      { ordinal: 5, line: 8, pdq: PDQ_B, pdqQuality: 77, label: 'two words' },
    ]);
    expect(warnings).toEqual([{ code: 'not-pdq-line', text: `${PDQ_A.slice(2)},10`, line: 7, entry: 4 }]);
    expect(run(new PdqListParser(), `${PDQ_A},101\n`).warnings).toEqual([
      { code: 'bad-quality', value: '101', line: 1, entry: 1 },
    ]);
  });
});

describe('format detection and whole-list import', () => {
  it('tells formats from content', () => {
    expect(detectListFormat(' \uFEFF{"value":[]}')).toBe('vics');
    expect(detectListFormat(`# comment\n${PDQ_A},90\n`)).toBe('pdq');
    expect(detectListFormat(`md5,category\n${MD5},1\n`)).toBe('csv');
  });

  it('imports all or nothing', async () => {
    const ok = await importListText([`md5,category\n${MD5},1\n`, `bad,2\n`]);
    expect(ok).toMatchObject({
      ok: true,
      format: 'csv',
      entries: [{ md5: MD5, category: 1 }],
      warningCount: 2,
    });
    const vics = await importListText([`{"value":[{"MD5":"${MD5}","Category":1}]`]);
    expect(vics).toMatchObject({
      ok: false,
      format: 'vics',
      fatal: { code: 'not-json', syntax: 'truncated', line: 1 },
    });
    expect(vics).not.toHaveProperty('entries');
    expect(await importListText(['md5\n'])).toMatchObject({
      ok: false,
      fatal: { code: 'no-entries', line: 1 },
    });
    expect(await importListText([`md5\nzz\n`])).toMatchObject({
      ok: false,
      fatal: { code: 'no-usable-entry', skipped: 2, line: 1 },
      warningCount: 2,
    });
  });

  it('reads back a signature CSV exactly', async () => {
    const records = [
      { md5: MD5, sha1: SHA1, pdq: PDQ_A, category: 1 },
      { pdq: PDQ_B, category: null },
    ];
    const result = await importListText([writeSignatureCsv(records)]);
    expect(result).toMatchObject({
      ok: true,
      entries: [{ md5: MD5, sha1: SHA1, pdq: PDQ_A, category: 1 }, { pdq: PDQ_B }],
    });
  });
});

describe('every list parser on random and mutated input', () => {
  const samples = [
    `md5,sha1,sha256,pdq,category,series,label\n${MD5},${SHA1},,${PDQ_A},1,"S, 1",x\n`,
    `${PDQ_A},90,label\n${PDQ_B}\n`,
    `{"@odata.context":"x/2.0.xml/US/$metadata#Media","value":[{"MD5":"${MD5}","Category":"1"}]}`,
  ];
  samples.push(`md5;label\r\n${MD5};a\rb\r\n"${SHA1}";"x""y"\n`);
  const input = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc
      .tuple(
        fc.constantFrom(...samples),
        fc.nat({ max: 200 }),
        fc.string({ maxLength: 5 }),
        fc.nat({ max: 5 }),
      )
      .map(([s, at, ins, del]) => s.slice(0, at) + ins + s.slice(at + del)),
  );

  it('never throws; every problem has a line; every entry has a hash', () => {
    fc.assert(
      fc.property(
        input,
        fc.constantFrom('vics', 'csv', 'pdq'),
        fc.integer({ min: 1, max: 64 }),
        (text, format, chunk) => {
          const { items, warnings, fatal } = run(createListParser(format), text, chunk);
          if (fatal) expect(fatal.line).toBeGreaterThanOrEqual(1);
          for (const w of warnings) expect(w.line).toBeGreaterThanOrEqual(1);
          for (const e of items) {
            expect(e.md5 ?? e.sha1 ?? e.sha256 ?? e.pdq).toMatch(/^[0-9a-f]+$/);
            expect(e.line).toBeGreaterThanOrEqual(1);
            expect(e.ordinal).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it('gives the same entries however the text is chunked', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 40 }), (text, chunk) => {
        const format = detectListFormat(text);
        const whole = run(createListParser(format), text, text.length + 1);
        const pieces = run(createListParser(format), text, chunk);
        // After a fatal problem the import is discarded, so only the problem itself must agree.
        if (whole.fatal) expect(pieces.fatal).toEqual(whole.fatal);
        else expect(pieces).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});

describe('signature CSV writer against hostile values', () => {
  it('writes only canonical hashes and whole categories: no formula, no extra field', () => {
    const csv = writeSignatureCsv([
      { md5: '=HYPERLINK("http://x","y")', sha1: '@SUM(A1)', sha256: '+1', pdq: '-2', category: NaN },
      { md5: 'D41D8CD98F00B204E9800998ECF8427E', category: 1 },
    ]);
    const lines = csv.trim().split('\n');
    expect(lines).toEqual(['md5,sha1,sha256,pdq,category', ',,,,', 'd41d8cd98f00b204e9800998ecf8427e,,,,1']);
    for (const line of lines) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
