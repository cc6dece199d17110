import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { WAYMARK_VERSION } from '../../server/version';
import { buildCliBundle, cliBundleIsFresh } from './cli-bundle';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('the CLI bundle', () => {
  it('is built split at the lazy commands, fresh until a source changes', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'waymark-cli-')), 'cli');
    expect(cliBundleIsFresh(dir)).toBe(false);
    expect(await buildCliBundle(dir)).toBe(true);
    const files = readdirSync(dir);
    expect(files).toContain('bundled-main.mjs');
    expect(files.filter((f) => f.endsWith('.mjs')).length).toBeGreaterThan(3);
    expect(cliBundleIsFresh(dir)).toBe(true);
    // Touching one source (same bytes, new mtime) makes it stale.
    const source = join(ROOT, 'src/cli/commands/hash.ts');
    const later = new Date(Date.now() + 5_000);
    utimesSync(source, later, later);
    try {
      expect(cliBundleIsFresh(dir)).toBe(false);
    } finally {
      const now = new Date();
      utimesSync(source, now, now);
    }
  });

  it('runs the command line through the launcher, bundled or not, with the same answers', () => {
    const launch = (...args: string[]) =>
      spawnSync(process.execPath, ['scripts/waymark.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
    const first = launch('--version'); // builds the bundle if it is stale
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe(WAYMARK_VERSION);
    expect(cliBundleIsFresh()).toBe(true);
    const second = launch('frobnicate');
    expect(second.status).toBe(2);
    expect(second.stderr).toContain('unknown command "frobnicate"');
  });
});
