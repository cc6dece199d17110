import { execFileSync, spawnSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { WAYMARK_VERSION } from '../server/version';

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });

describe('waymark command', () => {
  it('prints its version', () => {
    expect(
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--version'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe(WAYMARK_VERSION);
  });

  it('lists its usage with --help and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: npm run -s waymark -- <command>');
  });

  it('names an unknown command and exits 2', () => {
    const result = run('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });
});
