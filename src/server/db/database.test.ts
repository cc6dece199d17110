import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';

import { openDatabase } from './database';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the SQLite data folder', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('is created 0700 with a 0600 database (and -wal/-shm), whatever the umask', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'waymark-perm-'));
    folders.push(parent);
    const dataDir = join(parent, 'data');
    const previous = process.umask(0o000);
    try {
      const database = openDatabase({ dataDir, databaseUrl: undefined });
      await sql`create table t (x integer)`.execute(database.db);
      await sql`insert into t values (1)`.execute(database.db);
      expect(modeOf(dataDir)).toBe(0o700);
      for (const file of ['waymark.sqlite', 'waymark.sqlite-wal', 'waymark.sqlite-shm'])
        expect(modeOf(join(dataDir, file)), file).toBe(0o600);
      await database.close();
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a folder and a database that were world-readable before', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'waymark-perm-'));
    folders.push(dataDir);
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'waymark.sqlite'), '');
    chmodSync(join(dataDir, 'waymark.sqlite'), 0o644);
    const database = openDatabase({ dataDir, databaseUrl: undefined });
    await sql`create table t (x integer)`.execute(database.db);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'waymark.sqlite'))).toBe(0o600);
    await database.close();
  });
});
