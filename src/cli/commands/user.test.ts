import { spawnSync } from 'node:child_process';
import { Readable, Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createTestApp, TEST_PASSWORD } from '../../server/testing/test-app';
import { userCommand } from './user';
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
      expect(listed.stdout.trim().split('\n')).toEqual(['zara\tadmin\tzara\tUnit Z\tz@unit.example\tactive']);

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

  it('passwd sets a new password and ends the sessions; disable and enable; all audited', async () => {
    const t = await createTestApp(kind);
    // The command itself, run in this process (the test above runs the real binary).
    const waymark = async (input: string, ...args: string[]) => {
      let stdout = '';
      let stderr = '';
      const status = await userCommand.run(args, {
        stdin: Readable.from([input]),
        stdout: new Writable({ write: (chunk, _e, done) => done(void (stdout += String(chunk))) }),
        stderr: new Writable({ write: (chunk, _e, done) => done(void (stderr += String(chunk))) }),
        env: { ...process.env, ...t.testDb.env },
      });
      return { status, stdout, stderr };
    };
    const signIn = (password: string) =>
      t.call('POST', '/api/auth/login', { body: { username: 'yara', password } });
    try {
      const yaraId = await t.addUser('yara');
      const before = await t.login('yara');

      const weak = await waymark('too short\n', 'passwd', 'yara');
      expect(weak.status).toBe(1);
      expect(weak.stderr).toContain('at least 12 characters');
      expect((await waymark('a new long passphrase\n', 'passwd', 'nobody')).status).toBe(1);
      expect((await waymark('', 'passwd')).status).toBe(2);

      const changed = await waymark('a new long passphrase\n', 'passwd', 'YARA');
      expect(changed.status, changed.stderr).toBe(0);
      expect(changed.stdout).toBe('new password set for yara; ended 1 session\n');
      expect((await t.call('GET', '/api/auth/me', { cookie: before })).statusCode).toBe(401);
      expect((await signIn(TEST_PASSWORD)).statusCode).toBe(401);
      expect((await signIn('a new long passphrase')).statusCode).toBe(200);

      const session = await t.login('yara', 'a new long passphrase');
      const disabled = await waymark('', 'disable', 'yara');
      expect(disabled.stdout).toBe('disabled yara; ended 2 sessions\n');
      expect((await t.call('GET', '/api/auth/me', { cookie: session })).statusCode).toBe(401);
      // A disabled user is refused exactly like a wrong password: nothing tells a guesser it exists.
      const refused = await signIn('a new long passphrase');
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toEqual((await signIn('wrong password here')).json());
      expect((await waymark('', 'disable', 'yara')).stdout).toBe('yara is already disabled\n');
      expect((await waymark('', 'list')).stdout).toContain('yara\tuser\tyara\t\t\tdisabled');

      expect((await waymark('', 'enable', 'yara')).stdout).toBe('enabled yara\n');
      expect((await signIn('a new long passphrase')).statusCode).toBe(200);

      const trail = await t.testDb.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_name', 'detail'])
        .where('subject', '=', yaraId)
        .where('action', 'like', 'user.%')
        .orderBy('seq')
        .execute();
      expect(trail.map((e) => e.action)).toEqual([
        'user.created',
        'user.password_set',
        'user.disabled',
        'user.enabled',
      ]);
      expect(trail[1]?.actor_name).toMatch(/^cli:/);
      expect(JSON.parse(trail[1]?.detail ?? '{}')).toEqual({
        username: 'yara',
        by: 'administrator',
        endedSessions: 1,
      });
      expect(JSON.parse(trail[2]?.detail ?? '{}')).toEqual({ username: 'yara', endedSessions: 2 });
      // The password itself never reaches the trail.
      expect(JSON.stringify(trail)).not.toContain('passphrase');
    } finally {
      await t.close();
    }
  });
});
