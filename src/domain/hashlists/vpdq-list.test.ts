import { describe, expect, it } from 'vitest';

import { readVpdqList, readVpdqListLazily, type VpdqListProgress } from './vpdq-list';

// A vPDQ list read a file at a time: in path order whatever order the files come in, each file's text
// asked for only when its turn comes (one at a time), the same list as reading them all at once.
const line = (frame: number, nibble: string) => `${frame},100,${nibble.repeat(64)},${frame}.000`;
const files = [
  { file: 'b/clip.txt', text: `${line(0, 'a')}\n${line(1, 'b')}\n` },
  { file: 'a.txt', text: `${line(0, 'c')}\n` },
  { file: 'c.txt', text: 'not,a,hash,file\n' },
];

describe('readVpdqListLazily', () => {
  it('reads one file at a time in path order, reports each, and gives the same list', async () => {
    const asked: string[] = [];
    let open = 0;
    const seen: VpdqListProgress[] = [];
    const list = await readVpdqListLazily(
      files.map((f) => ({
        file: f.file,
        text: async () => {
          asked.push(f.file);
          expect(++open).toBe(1);
          await Promise.resolve();
          open--;
          return f.text;
        },
      })),
      (p) => seen.push(p),
    );
    expect(asked).toEqual(['a.txt', 'b/clip.txt', 'c.txt']);
    expect(seen).toEqual([
      { files: 1, totalFiles: 3, entries: 1 },
      { files: 2, totalFiles: 3, entries: 2 },
      { files: 3, totalFiles: 3, entries: 2 },
    ]);
    expect(list).toEqual(readVpdqList(files));
    expect(list.problems.map((p) => p.file)).toEqual(['c.txt']);
  });
});
