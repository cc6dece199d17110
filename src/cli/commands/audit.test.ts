// Signed audit checkpoints, on SQLite and PostgreSQL. The forgery a bare hash chain cannot see: an old
// entry rewritten and every later hash recomputed (by someone with the database owner's rights). The
// chain is consistent again; the checkpoint, signed with a key kept outside the database, is not.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';

import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';

import type { DatabaseKind } from '../../contract/health.contract';
import type { DatabaseSchema } from '../../server/db/schema';
import { entryHash, GENESIS_HASH } from '../../server/services/audit-chain';
import { createTestApp, type TestApp } from '../../server/testing/test-app';
import { TEST_DATABASE_KINDS } from '../../server/testing/test-database';
import { auditCommand } from './audit';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/**
 * Rewrites entry `seq` with `edit` and recomputes every later entry's prev_hash and entry_hash and
 * the head, as a forger with the database owner's rights would (going around the append-only triggers).
 */
async function forge(
  db: Kysely<DatabaseSchema>,
  kind: DatabaseKind,
  seq: number,
  edit: (detail: string) => string,
): Promise<void> {
  if (kind === 'sqlite') await sql`drop trigger audit_log_no_update`.execute(db);
  else await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
  const before = await db
    .selectFrom('audit_log')
    .select('entry_hash')
    .where('seq', '=', seq - 1)
    .executeTakeFirst();
  let prev = before?.entry_hash ?? GENESIS_HASH;
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', seq).orderBy('seq').execute();
  for (const row of rows) {
    const detail = row.seq === seq ? edit(row.detail) : row.detail;
    const hash = entryHash(prev, { ...row, detail });
    await db
      .updateTable('audit_log')
      .set({ detail, prev_hash: prev, entry_hash: hash })
      .where('seq', '=', row.seq)
      .execute();
    prev = hash;
  }
  await db.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
}

describe.each(TEST_DATABASE_KINDS)('signed audit checkpoints on %s', (kind) => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const done of cleanup.splice(0).reverse()) await done();
  });

  async function setUp() {
    const t = await createTestApp(kind);
    const keyDir = join(mkdtempSync(join(tmpdir(), 'waymark-keys-')), 'audit-keys');
    cleanup.push(
      () => t.close(),
      () => rmSync(join(keyDir, '..'), { recursive: true, force: true }),
    );
    const env = { ...process.env, ...t.testDb.env, WAYMARK_AUDIT_KEY_DIR: keyDir };
    // The command itself, in this process (the forgery check below also runs the real binary).
    const audit = async (...args: string[]) => {
      let stdout = '';
      let stderr = '';
      const status = await auditCommand.run(args, {
        stdin: Readable.from([]),
        stdout: new Writable({ write: (chunk, _e, done) => done(void (stdout += String(chunk))) }),
        stderr: new Writable({ write: (chunk, _e, done) => done(void (stderr += String(chunk))) }),
        env,
      });
      return { status, stdout, stderr };
    };
    return { t, keyDir, env, audit };
  }

  async function someWork(t: TestApp, name: string) {
    await t.addUser(name, { organization: 'Unit L' });
    const cookie = await t.login(name);
    for (const caseName of [`Operation ${name} one`, `Operation ${name} two`])
      expect((await t.call('POST', '/api/cases', { cookie, body: { name: caseName } })).statusCode).toBe(201);
  }

  it('names the first forged entry of a trail rewritten and re-hashed after the checkpoint', async () => {
    const { t, keyDir, env, audit } = await setUp();
    await someWork(t, 'lena');
    const file = join(keyDir, '..', 'checkpoint.json');
    const made = await audit('checkpoint', '--out', file);
    expect(made.status, made.stderr).toBe(0);
    const entries = Number(/signed checkpoint of (\d+) entries/.exec(made.stdout)?.[1]);
    expect(entries).toBe(4); // user.created, auth.login, case.created twice
    expect(made.stderr).toContain('made a new audit signing key');
    // The key lives outside the database, readable by its owner only.
    expect(modeOf(keyDir)).toBe(0o700);
    expect(modeOf(join(keyDir, 'signing-key.pem'))).toBe(0o600);
    await someWork(t, 'marek'); // the trail goes on after the checkpoint

    const clean = await audit('verify', '--checkpoint', file);
    expect(clean.status, clean.stdout).toBe(0);
    expect(clean.stdout).toContain(`entries 1 to ${entries} are those signed by the checkpoint`);

    const db = t.testDb.database.db;
    const target = await db
      .selectFrom('audit_log')
      .select(['seq', 'detail'])
      .where('action', '=', 'case.created')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    expect(target.seq).toBeLessThan(entries);
    await forge(db, kind, target.seq, (detail) => detail.replace('Operation lena one', 'Operation Nothing'));

    // The chain alone cannot tell: the forger recomputed it.
    const chainOnly = await audit('verify');
    expect(chainOnly.status).toBe(0);
    expect(chainOnly.stdout).toContain('audit trail intact');
    // The checkpoint can, and names the first forged entry (the real command, as an operator runs it).
    const checked = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify', '--checkpoint', file],
      { env, encoding: 'utf8' },
    );
    expect(checked.status, checked.stderr).toBe(1);
    expect(checked.stdout).toContain(`audit trail BROKEN at entry ${target.seq} (checkpoint)`);
    expect(checked.stdout).toContain('(case.created) is not the entry the checkpoint');
    expect(checked.stdout).toContain(`${target.seq - 1} entries before it verified`);
  });

  it('trusts no altered checkpoint, no other key, keeps old checkpoints valid across a rotation, and signs no broken trail', async () => {
    const { t, keyDir, audit } = await setUp();
    await someWork(t, 'nadia');
    const first = join(keyDir, '..', 'first.json');
    expect((await audit('checkpoint', '--out', first)).status).toBe(0);
    const firstKey = (JSON.parse(readFileSync(first, 'utf8')) as { keyId: string }).keyId;

    // An altered checkpoint (a digest changed to match a rewrite) fails its signature.
    const altered = join(keyDir, '..', 'altered.json');
    const parsed = JSON.parse(readFileSync(first, 'utf8')) as { digests: string };
    const digests = Buffer.from(parsed.digests, 'base64');
    digests[0] = (digests[0] ?? 0) ^ 0xff;
    writeFileSync(altered, JSON.stringify({ ...parsed, digests: digests.toString('base64') }));
    const alteredRun = await audit('verify', '--checkpoint', altered);
    expect(alteredRun.status).toBe(1);
    expect(alteredRun.stdout).toContain('NOT TRUSTED (bad_signature)');

    // A checkpoint made with a key of the forger's own is not trusted here.
    const { status: forgedStatus, stdout: forgedOut } = await (async () => {
      const otherDir = join(keyDir, '..', 'forger-keys');
      const forged = join(keyDir, '..', 'forged.json');
      const made = await auditCommand.run(['checkpoint', '--out', forged], {
        stdin: Readable.from([]),
        stdout: new Writable({ write: (_c, _e, done) => done() }),
        stderr: new Writable({ write: (_c, _e, done) => done() }),
        env: { ...process.env, ...t.testDb.env, WAYMARK_AUDIT_KEY_DIR: otherDir },
      });
      expect(made).toBe(0);
      return audit('verify', '--checkpoint', forged);
    })();
    expect(forgedStatus).toBe(1);
    expect(forgedOut).toContain('NOT TRUSTED (unknown_key)');

    // Rotation: a new key signs from now on; the first checkpoint still verifies.
    const rotated = await audit('rotate-key');
    expect(rotated.stdout).toContain(`replaces ${firstKey}`);
    const second = join(keyDir, '..', 'second.json');
    expect((await audit('checkpoint', '--out', second)).status).toBe(0);
    const secondKey = (JSON.parse(readFileSync(second, 'utf8')) as { keyId: string }).keyId;
    expect(secondKey).not.toBe(firstKey);
    expect((await audit('verify', '--checkpoint', first, '--checkpoint', second)).status).toBe(0);
    // Pinned to a public key kept elsewhere, only that key's checkpoints are trusted.
    const pinned = join(keyDir, 'trusted', `${secondKey}.pub.pem`);
    expect((await audit('verify', '--checkpoint', second, '--public-key', pinned)).status).toBe(0);
    expect((await audit('verify', '--checkpoint', first, '--public-key', pinned)).stdout).toContain(
      'NOT TRUSTED (unknown_key)',
    );
    const stranger = join(keyDir, '..', 'stranger.pub.pem');
    writeFileSync(stranger, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    expect((await audit('verify', '--checkpoint', second, '--public-key', stranger)).status).toBe(1);

    const recorded = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', 'in', ['audit.checkpoint', 'audit.key_rotated'])
      .orderBy('seq')
      .execute();
    expect(recorded.map((r) => r.action)).toEqual([
      'audit.checkpoint',
      'audit.checkpoint', // the forger's attempt, made with the trail's own storage
      'audit.key_rotated',
      'audit.checkpoint',
    ]);
    expect(JSON.parse(recorded[2]?.detail ?? '{}')).toEqual({ from: firstKey, to: secondKey });

    // A broken trail gets no checkpoint.
    if (kind === 'sqlite') await sql`drop trigger audit_log_no_update`.execute(t.testDb.database.db);
    else await sql`drop trigger audit_log_append_only on audit_log`.execute(t.testDb.database.db);
    await sql`update audit_log set actor_name = 'mallory' where seq = 2`.execute(t.testDb.database.db);
    const refused = await audit('checkpoint', '--out', join(keyDir, '..', 'broken.json'));
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('no checkpoint: the audit trail is BROKEN at entry 2 (entry_hash)');
  });
});
