import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus';
import { looksLikeVpdqHashFile, parseVpdqHashFile, vpdqEntryName, writeVpdqHashFile } from './vpdq-hash-file';
import { readVpdqList } from './vpdq-list';
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
    expect(parsed.warnings).toEqual([]);
    expect(writeVpdqHashFile(parsed.features)).toBe(reference);
  });

  it('is lenient with real-file noise and names the lines it skips', () => {
    const text = `\uFEFF# made by hand\r\n0, 100, ${'AB'.repeat(32)}, 0.000\r\n\r\n1,100,nothex,0.033\n2,140,${'ab'.repeat(32)},0.067\n3,80,${'cd'.repeat(32)}\n`;
    const parsed = parseVpdqHashFile(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fatal));
    expect(parsed.features.map((f) => [f.frame, f.quality, f.pdq.slice(0, 4), f.timestamp])).toEqual([
      [0, 100, 'abab', 0],
      [3, 80, 'cdcd', -1],
    ]);
    expect(parsed.warnings).toEqual([
      { code: 'not-frame-line', line: 4 },
      { code: 'frame-quality-over-100', quality: 140, line: 5 },
    ]);
    expect(writeVpdqHashFile(parsed.features).split('\n')[1]).toBe(`3,80,${'cd'.repeat(32)},`);
  });

  it('refuses what is not a hash file', () => {
    expect(parseVpdqHashFile('')).toMatchObject({ ok: false, fatal: { code: 'no-entries', line: 1 } });
    expect(parseVpdqHashFile('name,md5\nfoo,bar\n')).toMatchObject({
      ok: false,
      fatal: { code: 'no-usable-entry', skipped: 2, line: 1 },
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

  it('makes a list of videos from named files, skipping the ones that are not hash files', () => {
    const list = readVpdqList([
      { file: 'lists/chair.mp4.txt', text: `0,100,${'ab'.repeat(32)},0.000\n` },
      { file: 'README.md', text: '# Known videos\n' },
    ]);
    expect(list.entries.map((e) => [e.name, e.file, e.features.length])).toEqual([
      ['chair.mp4', 'lists/chair.mp4.txt', 1],
    ]);
    expect(list.problems).toEqual([{ file: 'README.md', fatal: { code: 'no-entries', line: 1 } }]);
    expect(vpdqEntryName('a\\b\\clip.txt')).toBe('clip');
  });
});
