import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus';

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'group', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });

const dir = mkdtempSync(join(tmpdir(), 'waymark-group-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Flips the low bit of `count` hex digits from the end. */
function near(hex: string, count: number): string {
  const chars = [...hex];
  for (let i = 0; i < count; i++)
    chars[63 - i * 2] = (Number.parseInt(chars[63 - i * 2]!, 16) ^ 1).toString(16);
  return chars.join('');
}
const A = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const B = '0d1e2f3a4b5c6d7e8f9012345678abcdef0123456789abcdef0123456789abcd';

describe('waymark group --hashes', () => {
  it('groups precomputed hashes, keeps every id in exactly one group, and reports bad lines', () => {
    const file = join(dir, 'hashes.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a1', pdq: A, quality: 100 }),
        JSON.stringify({ id: 'a2', pdq: near(A, 10), quality: 90 }),
        JSON.stringify({ id: 'a "quoted"', pdq: near(A, 20) }), // escapes: the JSON.parse path
        JSON.stringify({ path: '/x/a4.jpg', pdq: near(A, 5), pdqQuality: 80 }), // `waymark hash --json` shape
        JSON.stringify({ id: 'a-blank', pdq: near(A, 3), quality: 20 }), // below the quality gate
        JSON.stringify({ id: 'b1', pdq: B }),
        'this is not json',
        JSON.stringify({ id: 'broken', pdq: 'xyz' }),
        '',
      ].join('\n'),
    );
    const result = run('--json', '--hashes', file);
    expect(result.status).toBe(0);
    const groups = (JSON.parse(result.stdout) as { groups: { id: string }[][] }).groups.map((g) =>
      g.map((m) => m.id),
    );
    expect(groups).toEqual([['a1', 'a2', 'a "quoted"', '/x/a4.jpg'], ['a-blank'], ['b1'], ['broken']]);
    expect(result.stderr).toContain(':7: not JSON');
    expect(result.stderr).toContain(':8: "broken" has no valid "pdq"');
  });

  it('refuses a bad threshold and a missing file clearly', () => {
    expect(run('--threshold', 'x', '--hashes', 'f').stderr).toContain('--threshold needs a whole number');
    const missing = run('--hashes', join(dir, 'missing.jsonl'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read');
  });
});

describe('waymark group PATH…', () => {
  it('puts a photo with its border, screenshot, crop and rotated copies in one group, apart from others', () => {
    const rows = readFileSync(corpusPath('manifest.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; base_id: string; role: string; transform: string });
    const family = rows.filter(
      (r) =>
        r.base_id === 'pub-b001' &&
        ['original', 'border', 'screenshot', 'crop', 'rotate', 'hflip'].includes(r.transform),
    );
    const stranger = rows.find((r) => r.base_id === 'pub-b002' && r.role === 'original')!;
    const files = [...family, stranger].map((r) => corpusPath(r.file));
    const result = run('--json', '--jobs', '2', ...files);
    expect(result.status).toBe(0);
    const groups = (JSON.parse(result.stdout) as { groups: { path: string }[][] }).groups.map((g) =>
      g.map((m) => m.path),
    );
    expect(groups).toHaveLength(2);
    expect(groups.find((g) => g.includes(corpusPath(stranger.file)))).toEqual([corpusPath(stranger.file)]);
    expect(groups.flat().sort()).toEqual([...files].sort());
  }, 120_000);
});
