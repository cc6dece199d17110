import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CORPUS_DIR, corpusPath } from '../../../test/corpus';
import { hashFile } from '../hashing/hash-file';
import { hashProblemEnglish } from '../hashing/hash-problem-english';

interface Row {
  file: string;
  base_id: string;
  role: 'original' | 'variant';
  transform: string;
}
interface Line {
  path: string;
  matches: { list: string; entry: number; kind: string; distance: number }[];
  error?: unknown;
}

const rows = readFileSync(corpusPath('manifest.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Row);
const originals = rows.filter((r) => r.role === 'original');
const byFile = new Map(rows.map((r) => [r.file, r]));

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'match', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });

let dir = '';
/** Entry ordinal -> base id, per list (both lists are written in `originals` order). */
const baseOfEntry = (entry: number) => originals[entry - 1]!.base_id;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'waymark-match-'));
  // An MD5 list as a CSV with a header, and a PDQ list as HMA writes them (hex,quality,label).
  const md5 = originals.map(
    (r) =>
      `${createHash('md5')
        .update(readFileSync(corpusPath(r.file)))
        .digest('hex')},${r.base_id}`,
  );
  writeFileSync(join(dir, 'originals-md5.csv'), `md5,label\n${md5.join('\n')}\n`);
  const pdq: string[] = [];
  for (const r of originals) {
    const s = await hashFile(corpusPath(r.file));
    if (!s.ok) throw new Error(`corpus original did not hash: ${r.file}: ${hashProblemEnglish(s)}`);
    if (!('pdq' in s)) throw new Error(`corpus original hashed as a video: ${r.file}`);
    pdq.push(`${s.pdq},${s.pdqQuality},${r.base_id}`);
  }
  writeFileSync(join(dir, 'originals.pdq'), `${pdq.join('\n')}\n`);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('waymark match on the public corpus', () => {
  it('finds originals by MD5 and their variants by PDQ, and never an unrelated image', () => {
    const result = run(
      '--json',
      '--list',
      join(dir, 'originals-md5.csv'),
      '--list',
      join(dir, 'originals.pdq'),
      corpusPath('images'),
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(rows.length);

    const found = new Map<string, Set<string>>();
    for (const line of lines) {
      const row = byFile.get(relative(CORPUS_DIR, line.path))!;
      expect(row).toBeDefined();
      for (const m of line.matches) {
        // Unrelated images never match: every match points at the file's own base photo.
        expect({ file: row.file, base: baseOfEntry(m.entry) }).toEqual({ file: row.file, base: row.base_id });
        if (m.kind === 'pdq') expect(m.distance).toBeLessThanOrEqual(31);
        else expect(m.distance).toBe(0);
      }
      found.set(row.file, new Set(line.matches.map((m) => `${m.list}:${m.kind}`)));
    }
    for (const r of originals) expect(found.get(r.file)).toContain('originals-md5.csv:md5');
    const robust = ['resize', 'jpeg_reencode', 'tone', 'grayscale', 'hflip'];
    const variants = rows.filter((r) => robust.includes(r.transform));
    expect(variants.length).toBeGreaterThanOrEqual(80);
    const missed = variants.filter((r) => !found.get(r.file)?.has('originals.pdq:pdq'));
    expect(missed.map((r) => `${r.transform} ${r.file}`)).toEqual([]);
    // Re-encoded variants have other bytes: no MD5 match for them.
    for (const r of variants) expect(found.get(r.file)).not.toContain('originals-md5.csv:md5');
  }, 240_000);

  it('matches a VICS hash set written from the same hashes, and reports a broken list without matching', () => {
    const md5 = readFileSync(join(dir, 'originals-md5.csv'), 'utf8').trim().split('\n').slice(1);
    const vics = {
      '@odata.context': 'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media',
      value: md5.map((l, i) => ({
        MediaID: i + 1,
        Category: '0',
        MD5: l.split(',')[0]!.toUpperCase(),
        IsPrecategorized: 'true',
      })),
    };
    writeFileSync(join(dir, 'set.json'), `\uFEFF${JSON.stringify(vics, null, 2)}`);
    const one = corpusPath(originals[3]!.file);
    const ok = run('--json', '--list', join(dir, 'set.json'), one);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout) as Line).toEqual({
      path: one,
      matches: [{ list: 'set.json', entry: 4, kind: 'md5', distance: 0, category: 0 }],
    });

    // The same set as UTF-16 LE with a byte-order mark, as some Windows exporters write it.
    writeFileSync(join(dir, 'set-utf16.json'), Buffer.from(`\uFEFF${JSON.stringify(vics)}`, 'utf16le'));
    const utf16 = run('--json', '--list', join(dir, 'set-utf16.json'), one);
    expect(utf16.stderr).toBe('');
    expect((JSON.parse(utf16.stdout) as Line).matches).toEqual([
      { list: 'set-utf16.json', entry: 4, kind: 'md5', distance: 0, category: 0 },
    ]);

    writeFileSync(join(dir, 'broken.json'), JSON.stringify(vics).slice(0, 300));
    const broken = run('--json', '--list', join(dir, 'broken.json'), one);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(
      /broken\.json: line 1, column \d+: not valid JSON: .*truncated.*; list not loaded/,
    );
  }, 60_000);

  it('refuses a command line without a list, and a bad threshold', () => {
    expect(run(corpusPath('images')).status).toBe(2);
    const bad = run('--list', 'x', '--threshold', '300', corpusPath('images'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--threshold needs a whole number from 0 to 256/);
  });
});
