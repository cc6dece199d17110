import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus';
import { looksLikeVpdqHashFile, parseVpdqHashFile, vpdqEntryName, writeVpdqHashFile } from './vpdq-hash-file';
import { readVpdqList, vpdqListEntries } from './vpdq-list';
import { detectListFormat } from './list-format';

const reference = readFileSync(corpusPath('video/reference-hashes/pattern-sd-grey-bar.txt'), 'utf8');

describe('vPDQ hash files (reference text format)', () => {
  it('reads the reference files and writes them back byte for byte', () => {
    const parsed = parseVpdqHashFile(reference);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fatal));
    expect(parsed.features).toHaveLength(206);
    expect(parsed.features[1]).toEqual({
      frame: 1,
      quality: 100,
      pdq: 'b6da98dae76e894705be12815edcdaa1d20995562fb69ff8668ba1050f449b86',
      timestamp: 0.033,
    });
    expect(writeVpdqHashFile(parsed.features)).toBe(reference);
  });

  it('is lenient with real-file noise (BOM, CRLF, comments, spaces, upper case, no time)', () => {
    const text = `\uFEFF# made by hand\r\n0, 100, ${'AB'.repeat(32)}, 0.000\r\n\r\n3,80,${'cd'.repeat(32)}\n4,70,${'ef'.repeat(32)},\n`;
    const parsed = parseVpdqHashFile(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fatal));
    expect(parsed.features.map((f) => [f.frame, f.quality, f.pdq.slice(0, 4), f.timestamp])).toEqual([
      [0, 100, 'abab', 0],
      [3, 80, 'cdcd', -1],
      [4, 70, 'efef', -1],
    ]);
    expect(writeVpdqHashFile(parsed.features).split('\n')[1]).toBe(`3,80,${'cd'.repeat(32)},`);
  });

  it('fails the file on one unreadable frame line, naming the line and what is wrong', () => {
    const good = `0,100,${'ab'.repeat(32)},0.000\n`;
    const cases: [string, object][] = [
      [`1,100,nothex,0.033`, { code: 'frame-bad-hash', value: 'nothex', line: 2 }],
      [`1,140,${'ab'.repeat(32)},0.033`, { code: 'frame-quality-over-100', quality: 140, line: 2 }],
      [`x1,100,${'ab'.repeat(32)},0.033`, { code: 'frame-bad-number', field: 'frame', value: 'x1', line: 2 }],
      [
        `1,high,${'ab'.repeat(32)},0.033`,
        { code: 'frame-bad-number', field: 'quality', value: 'high', line: 2 },
      ],
      [
        `1,90,${'ab'.repeat(32)},soon`,
        { code: 'frame-bad-number', field: 'timestamp', value: 'soon', line: 2 },
      ],
      [`1;90;${'ab'.repeat(32)}`, { code: 'frame-line-fields', found: 1, line: 2 }],
      [`1,90,${'ab'.repeat(32)},0.1,extra`, { code: 'frame-line-fields', found: 5, line: 2 }],
    ];
    for (const [bad, fatal] of cases)
      expect(parseVpdqHashFile(`${good}${bad}\n${good}`)).toMatchObject({ ok: false, fatal });
  });

  it('refuses what is not a hash file', () => {
    expect(parseVpdqHashFile('')).toMatchObject({ ok: false, fatal: { code: 'no-entries', line: 1 } });
    expect(parseVpdqHashFile('name,md5\nfoo,bar\n')).toMatchObject({
      ok: false,
      fatal: { code: 'frame-line-fields', found: 2, text: 'name,md5', line: 1 },
    });
    expect(parseVpdqHashFile(`${'x'.repeat(5000)}\n`)).toMatchObject({
      ok: false,
      fatal: { code: 'line-too-long', maxChars: 4096, line: 1 },
    });
  });

  it('is told apart from PDQ lists and CSV by its first line', () => {
    expect(looksLikeVpdqHashFile(reference)).toBe(true);
    expect(looksLikeVpdqHashFile(`${'ab'.repeat(32)},100,label\n`)).toBe(false);
    expect(detectListFormat(`${'ab'.repeat(32)},100\n`)).toBe('pdq');
  });

  it('makes a list of videos from named files, leaving out the ones that cannot be read', () => {
    const list = readVpdqList([
      { file: 'lists/zebra.txt', text: `0,100,${'cd'.repeat(32)},0.000\n` },
      { file: 'lists/chair.mp4.txt', text: `0,100,${'ab'.repeat(32)},0.000\n` },
      { file: 'README.md', text: '# Known videos\n' },
      { file: 'lists/broken.txt', text: `0,100,${'ab'.repeat(32)},0.000\n1,100,${'ab'.repeat(31)},0.033\n` },
    ]);
    // In path order, whatever order the folder listed them in.
    expect(list.entries.map((e) => [e.name, e.file, e.features.length])).toEqual([
      ['chair.mp4', 'lists/chair.mp4.txt', 1],
      ['zebra', 'lists/zebra.txt', 1],
    ]);
    expect(list.problems).toEqual([
      { file: 'README.md', fatal: { code: 'no-entries', line: 1 } },
      { file: 'lists/broken.txt', fatal: { code: 'frame-bad-hash', value: 'ab'.repeat(31), line: 2 } },
    ]);
    expect(vpdqListEntries(list)).toMatchObject([
      { ordinal: 1, label: 'chair.mp4', vpdq: [{ frame: 0 }] },
      { ordinal: 2, label: 'zebra', vpdq: [{ frame: 0 }] },
    ]);
    expect(vpdqEntryName('a\\b\\clip.txt')).toBe('clip');
  });
});
