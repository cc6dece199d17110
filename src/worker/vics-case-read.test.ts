import { describe, expect, it } from 'vitest';

import { writeVicsCase } from '../domain/vics/vics-writer';
import { readVicsCase } from './vics-case-read';

const md5 = (n: number) => n.toString(16).padStart(32, '0');

describe('reading a VICS case file', () => {
  it('merges repeated records of one content, keeps the scheme, and reads across chunk borders', async () => {
    const text = writeVicsCase({
      caseId: 'C',
      segment: 'UK',
      sourceApplicationName: 'test',
      sourceApplicationVersion: '1',
      media: [
        { md5: md5(1), category: 2, files: [{ fileName: 'a.jpg', filePath: 'x/a.jpg' }], exif: [] },
        { md5: md5(2), category: null, files: [], exif: [] },
        { md5: md5(1), category: 2, files: [{ fileName: 'b.jpg', filePath: 'y/b.jpg' }], exif: [] },
      ],
    });
    const chunks = text.match(/[\s\S]{1,7}/g) ?? [];
    let seen = 0;
    const read = await readVicsCase(chunks, (chars) => (seen = chars));
    expect(seen).toBe(text.length);
    if (!read.ok) throw new Error(JSON.stringify(read.fatal));
    expect(read.schemeId).toBe('uk-caid');
    expect(read.merged).toBe(1);
    expect(read.media.map((m) => [m.md5, m.files.map((f) => f.filePath)])).toEqual([
      [md5(1), ['x/a.jpg', 'y/b.jpg']],
      [md5(2), []],
    ]);
  });

  it('returns the fatal problem and no media for a file that is not VICS', async () => {
    const read = await readVicsCase(['name,comment\nfoo,bar\n']);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.fatal.line).toBe(1);
  });
});
