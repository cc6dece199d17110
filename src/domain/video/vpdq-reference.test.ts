// Golden test of the matching rule on the reference implementation's own frame hashes
// (../shared/corpus/video/reference-hashes): every pair of sample videos is a match exactly when the
// corpus manifest puts them in one group (chair-19/22/orig-22 together, the two pattern-sd together).
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus';
import { parseVpdqHashFile } from '../hashlists/vpdq-hash-file';
import { compareVpdq } from './vpdq-match';

interface ManifestRow {
  file: string;
  kind: string;
  group: string | null;
  hashes?: string;
}

const rows = readFileSync(corpusPath('video/manifest.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as ManifestRow)
  .filter((r) => r.kind === 'reference' && r.hashes);

const hashes = rows.map((r) => {
  const parsed = parseVpdqHashFile(readFileSync(corpusPath('video', r.hashes!), 'utf8'));
  if (!parsed.ok) throw new Error(`${r.hashes}: ${JSON.stringify(parsed.fatal)}`);
  return parsed.features;
});

describe('vPDQ matching on the reference hashes', () => {
  it('reads all eight reference videos', () => expect(rows).toHaveLength(8));

  it('matches exactly the pairs the manifest groups together', () => {
    const decisions: string[] = [];
    const expected: string[] = [];
    for (let i = 0; i < rows.length; i++)
      for (let j = i + 1; j < rows.length; j++) {
        const pair = `${rows[i]!.file} ~ ${rows[j]!.file}`;
        const r = compareVpdq(hashes[i]!, hashes[j]!);
        if (r.isMatch) decisions.push(pair);
        if (rows[i]!.group === rows[j]!.group) expected.push(pair);
      }
    expect(decisions).toEqual(expected);
    expect(expected).toHaveLength(4);
  });
});
