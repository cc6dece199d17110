// A vPDQ list read in the list-import worker from several files and a ZIP at once (the reference
// implementation's own hash files, ../shared/corpus/video/reference-hashes): the same list as the
// domain reader gives, clutter left out, and progress in files read, after each file and after the last.
import { readdirSync, readFileSync } from 'node:fs';

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../test/corpus';
import { readVpdqList, vpdqListEntries, type VpdqListProgress } from '../domain/hashlists/vpdq-list';
import { readVpdqFiles } from './vpdq-list-read';

const dir = corpusPath('video/reference-hashes');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((file) => ({ file, text: readFileSync(`${dir}/${file}`, 'utf8') }));
const half = Math.floor(files.length / 2);
// The first half as loose files (as a folder gives them), the rest in a ZIP with a macOS resource fork.
const zip = zipSync({
  ...Object.fromEntries(files.slice(half).map((f) => [f.file, strToU8(f.text)])),
  [`__MACOSX/._${files[half]!.file}`]: strToU8('not a hash file'),
});
const named = [
  ...files.slice(0, half).map((f) => ({ name: f.file, blob: new Blob([f.text]) })),
  { name: 'more.zip', blob: new Blob([zip]) },
  { name: '.DS_Store', blob: new Blob(['clutter']) },
];

describe('reading a vPDQ list of several files and a ZIP', () => {
  it('gives the list the domain reader gives, and reports each file read', async () => {
    const seen: VpdqListProgress[] = [];
    const read = await readVpdqFiles(named, (p) => seen.push(p), 0);
    const expected = readVpdqList(files);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.entries).toEqual(vpdqListEntries(expected));
    expect(read.fileProblems).toEqual(expected.problems);
    expect(seen.map((p) => p.files)).toEqual(files.map((_, i) => i + 1));
    expect(seen.every((p) => p.totalFiles === files.length)).toBe(true);
    expect(seen.at(-1)).toEqual({
      files: files.length,
      totalFiles: files.length,
      entries: expected.entries.length,
    });
    // Entries only grow, file by file.
    expect(seen.every((p, i) => i === 0 || p.entries >= seen[i - 1]!.entries)).toBe(true);
  });

  it('reports at most once per interval, and always the last file', async () => {
    const seen: VpdqListProgress[] = [];
    await readVpdqFiles(named, (p) => seen.push(p), 60_000);
    expect(seen.map((p) => p.files)).toEqual([1, files.length]);
  });
});
