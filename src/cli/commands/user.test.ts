import { spawnSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { createTestApp } from '../../server/testing/test-app';
import { createTestDatabase, TEST_DATABASE_KINDS } from '../../server/testing/test-database';

describe.each(TEST_DATABASE_KINDS)('waymark user on %s', (kind) => {
  it('adds a user with the password from a pipe, refuses weak passwords and duplicates', async () => {
    const testDb = await createTestDatabase(kind, { migrate: false });
    const waymark = (input: string, ...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'user', ...args], {
        env: { ...process.env, ...testDb.env },
        input,
        encoding: 'utf8',
      });
    try {
      const added = waymark(
        'a long enough passphrase\n',
        'add',
        '--admin',
        '--organization',
        'Unit Z',
        '--contact',
        'z@unit.example',
        'zara',
      );
      expect(added.status, added.stderr).toBe(0);
      expect(added.stdout).toContain(`created administrator zara`);
      expect(added.stdout).not.toContain('passphrase');

      const weak = waymark('short\n', 'add', 'yusuf');
      expect(weak.status).toBe(1);
      expect(weak.stderr).toContain('at least 12 characters');
      const twice = waymark('another long passphrase\n', 'add', 'ZARA');
      expect(twice.status).toBe(1);
      expect(twice.stderr).toContain('already exists');

      const listed = waymark('', 'list');
      expect(listed.stdout.trim().split('\n')).toEqual(['zara\tadmin\tzara\tUnit Z\tz@unit.example']);

      // The server (same storage) lets the new user in.
      const t = await createTestApp(kind, { testDb });
      try {
        const login = await t.call('POST', '/api/auth/login', {
          body: { username: 'zara', password: 'a long enough passphrase' },
        });
        expect(login.statusCode).toBe(200);
        expect(login.json()).toMatchObject({ user: { isAdmin: true, organization: 'Unit Z' } });
      } finally {
        await t.close();
      }
    } finally {
      await testDb.dispose();
    }
  });
});
