import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { corpusPath, PDQ_REFERENCE_DIR } from '../../../test/corpus';

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'hash', ...args], {
    encoding: 'utf8',
  });

describe('waymark hash', () => {
  it('prints one JSON line per file, errors included, and exits 0', () => {
    const bridge = join(PDQ_REFERENCE_DIR, 'images', 'dih', 'bridge-1-original.jpg');
    const empty = corpusPath('bad', 'zero_bytes.jpg');
    const result = run('--json', bridge, empty, '/no/such/file.jpg');
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(Object.keys(lines[0]!)).toEqual([
      'path',
      'bytes',
      'md5',
      'sha1',
      'sha256',
      'pdq',
      'pdqQuality',
      'pdqDihedral',
      'width',
      'height',
    ]);
    expect(lines[0]).toMatchObject({
      path: bridge,
      pdq: 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22',
      pdqQuality: 100,
      width: 1600,
      height: 1004,
    });
    expect(lines[0]!.pdqDihedral).toHaveLength(8);
    expect(lines[1]).toEqual({
      path: empty,
      error: { reason: 'empty', problem: 'empty', message: 'The file is empty (0 bytes).' },
    });
    expect(lines[2]).toMatchObject({ path: '/no/such/file.jpg', error: { reason: 'unreadable' } });
  });

  it('asks for a path and exits 2 without one', () => {
    const result = run('--json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('give at least one file or folder');
  });

  it('stops quietly with status 0 when its reader closes the pipe early (| head)', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'hash', '--json', corpusPath('images')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const firstLine = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) {
          child.stdout.destroy(); // what `head -1` does
          resolve(out.slice(0, out.indexOf('\n')));
        }
      });
    });
    const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(JSON.parse(firstLine)).toHaveProperty('pdq');
    expect(stderr).not.toContain('EPIPE');
    expect(status).toBe(0);
  });
});
