import { describe, expect, it } from 'vitest';

import type { VicsMedia } from './vics-media';
import { VicsMediaMerger } from './vics-merge';

const MD5 = '9e107d9d372bb6826bd81d3542a419d6';
let entry = 0;
const media = (over: Partial<VicsMedia>): VicsMedia => ({
  entry: ++entry,
  line: entry * 10,
  column: 5,
  files: [],
  exifs: [],
  metadata: [],
  ...over,
});

describe('VicsMediaMerger', () => {
  it('folds records of one content into one, uniting paths, EXIF, hashes and flags', () => {
    const merger = new VicsMediaMerger();
    merger.add(
      media({
        md5: MD5,
        category: null,
        files: [{ filePath: 'a/1.jpg' }],
        exifs: [{ name: 'Make', value: 'X' }],
      }),
    );
    merger.add(media({ md5: 'b'.repeat(32), category: 0 }));
    const warnings = merger.add(
      media({
        md5: MD5,
        sha1: 'c'.repeat(40),
        category: 1,
        series: 'S',
        victimIdentified: true,
        files: [{ filePath: 'a/1.jpg' }, { filePath: 'b/copy.jpg' }],
        exifs: [{ name: 'Make', value: 'X' }],
      }),
    );
    expect(warnings).toEqual([]);
    expect(merger.merged).toBe(1);
    const [first, second] = merger.media();
    expect(merger.media()).toHaveLength(2);
    expect(first).toMatchObject({
      md5: MD5,
      sha1: 'c'.repeat(40),
      category: 1,
      series: 'S',
      victimIdentified: true,
      files: [{ filePath: 'a/1.jpg' }, { filePath: 'b/copy.jpg' }],
      exifs: [{ name: 'Make', value: 'X' }],
    });
    expect(second).toMatchObject({ category: 0 });
  });

  it('keeps the first category and reports a repeat that disagrees, with its position', () => {
    const merger = new VicsMediaMerger();
    const first = media({ md5: MD5, category: 1 });
    merger.add(first);
    const later = media({ md5: MD5, category: 2 });
    expect(merger.add(later)).toEqual([
      {
        code: 'category-conflict',
        firstEntry: first.entry,
        category: 2,
        kept: 1,
        line: later.line,
        column: 5,
        entry: later.entry,
      },
    ]);
    expect(merger.media()[0]!.category).toBe(1);
  });
});
