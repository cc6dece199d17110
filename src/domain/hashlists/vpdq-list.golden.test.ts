// Golden test of vPDQ hash lists on the reference implementation's own files
// (../shared/corpus/video/reference-hashes, one file per sample video): the folder imports as a list
// of known videos (its one empty file left out with its problem), every file writes back byte for
// byte, and each sample video's own frame hashes match exactly the entries of its group in the corpus
// manifest (at native size and 128x128), with the frames that matched and their times.
import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus';
import { MultiIndexHashIndex } from '../index/mih-index';
import type { HashList, HashListEntry } from './hash-list';
import { HashListMatcher } from './matcher';
import { writeVpdqHashFile } from './vpdq-hash-file';
import { readVpdqList, vpdqListEntries } from './vpdq-list';

interface ManifestRow {
  file: string;
  kind: string;
  group: string | null;
  hashes?: string;
}

const dir = corpusPath('video/reference-hashes');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((file) => ({ file, text: readFileSync(`${dir}/${file}`, 'utf8') }));
const manifest = readFileSync(corpusPath('video/manifest.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as ManifestRow)
  .filter((r) => r.kind === 'reference');
/** The manifest's group of a hash file's entry (`chair-19-sd-bar-128x128` is chair-19-sd-bar's). */
const groupOf = (entry: string) =>
  manifest.find((r) => r.file === `reference/${entry.replace(/-128x128$/, '')}.mp4`)?.group ?? null;

const list = readVpdqList(files);
const hashList: HashList = {
  id: 'L1',
  name: 'reference videos',
  source: 'reference-hashes',
  format: 'vpdq',
  schemeId: null,
  kind: 'known',
  enabled: true,
  count: list.entries.length,
  importedAt: '2026-12-06T00:00:00.000Z',
};
const entries: HashListEntry[] = vpdqListEntries(list).map(({ line: _line, ...e }) => ({
  ...e,
  id: `E${e.ordinal}`,
  listId: 'L1',
  enabled: true,
}));
const matcher = new HashListMatcher([hashList], entries, {
  createIndex: () => new MultiIndexHashIndex<number>(),
});

describe('vPDQ lists on the reference hashes', () => {
  it('imports the folder: one entry per file, named by it; the empty file left out', () => {
    expect(files.length).toBe(16);
    expect(list.problems).toEqual([
      { file: 'test-padded-dimensions-128x128.txt', fatal: { code: 'no-entries', line: 1 } },
    ]);
    expect(list.entries.map((e) => e.name)).toContain('chair-19-sd-bar-128x128');
    expect(list.entries).toHaveLength(15);
    expect(matcher.stats.vpdq).toBe(15);
    for (const e of list.entries)
      expect(e.features.length).toBe(files.find((f) => f.file === e.file)!.text.split('\n').length - 1);
  });

  it('exports each video in the same format, byte for byte', () => {
    for (const e of list.entries)
      expect(writeVpdqHashFile(e.features)).toBe(files.find((f) => f.file === e.file)!.text);
  });

  it("matches each sample video's own hashes with exactly the entries of its group", () => {
    for (const row of manifest) {
      const name = row.file.replace(/^reference\//, '').replace(/\.mp4$/, '');
      const own = list.entries.find((e) => e.name === name)!;
      const outcome = matcher.match({ vpdq: own.features });
      const matched = outcome.matches.map((m) => m.label!).sort();
      const expected = list.entries
        .map((e) => e.name)
        .filter((n) => groupOf(n) === row.group)
        .sort();
      expect(matched, name).toEqual(expected);
      expect(outcome.known).toBe(true);
      for (const m of outcome.matches) {
        expect(m.kind).toBe('vpdq');
        expect(Math.max(m.video!.queryPercent, m.video!.comparedPercent)).toBeGreaterThanOrEqual(80);
      }
      // Against itself: every frame, one span from the first frame's time to the last's.
      const self = outcome.matches.find((m) => m.label === name)!;
      expect(self.distance).toBe(0);
      expect(self.video).toMatchObject({ queryPercent: 100, comparedPercent: 100, omitted: 0 });
      const first = own.features[0]!;
      const last = own.features.at(-1)!;
      expect(self.video!.spans[0]).toMatchObject({ fromFrame: first.frame, from: first.timestamp });
      expect(self.video!.spans.at(-1)).toMatchObject({ to: last.timestamp });
    }
  });

  it('finds a 2-second clip in its video and says where it sits', () => {
    const orig = list.entries.find((e) => e.name === 'chair-orig-22-sd-bar')!;
    const clip = orig.features.filter((f) => f.timestamp >= 8 && f.timestamp < 10);
    const m = matcher.match({ vpdq: clip }).matches.find((x) => x.label === 'chair-orig-22-sd-bar')!;
    expect(m.video!.queryPercent).toBe(100);
    expect(m.video!.comparedPercent).toBeLessThan(80);
    expect(m.video!.spans).toHaveLength(1);
    expect(m.video!.spans[0]!.from).toBeGreaterThanOrEqual(8);
    expect(m.video!.spans[0]!.otherFrom).toBeGreaterThanOrEqual(8);
    expect(m.video!.spans[0]!.otherTo).toBeLessThan(10);
  });

  it('matches a still that is a frame of a known video, at that frame’s time', () => {
    const pattern = list.entries.find((e) => e.name === 'pattern-hd-no-bar')!;
    const frame = pattern.features.find((f) => f.quality >= 50 && f.timestamp >= 3)!;
    const m = matcher
      .match({ pdq: frame.pdq, pdqQuality: frame.quality })
      .matches.find((x) => x.label === 'pattern-hd-no-bar')!;
    expect(m.kind).toBe('vpdq');
    expect(m.distance).toBe(0);
    expect(m.video!.spans[0]!.otherFrom).toBe(frame.timestamp);
    // A near-blank still is not looked up among video frames.
    expect(matcher.match({ pdq: frame.pdq, pdqQuality: 10 }).matches).toEqual([]);
  });
});
