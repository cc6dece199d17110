// Real databases for server tests: a fresh SQLite file, or a fresh PostgreSQL database created on the
// local server (127.0.0.1:5432, trust auth) and dropped afterwards. A test that needs PostgreSQL fails
// loudly when it is not running; it never passes empty.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import type { DatabaseKind } from '../../contract/health.contract';
import { openDatabase, type ServerDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

export const TEST_DATABASE_KINDS: readonly DatabaseKind[] = ['sqlite', 'postgres'];

/** The maintenance connection used to create and drop per-run databases. */
export const POSTGRES_ADMIN_URL =
  process.env.WAYMARK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly database: ServerDatabase;
  /** What a child process (the CLI, a second server) needs to open the same database. */
  readonly env: { DATA_DIR: string; DATABASE_URL?: string };
  dispose(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is required for this test and is not reachable at ${POSTGRES_ADMIN_URL}`, {
      cause: error,
    });
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function postgresUrlFor(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestDatabase(
  kind: DatabaseKind,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'waymark-test-'));
  let databaseUrl: string | undefined;
  let name: string | undefined;
  if (kind === 'postgres') {
    name = `waymark_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    databaseUrl = postgresUrlFor(name);
  }
  const database = openDatabase({ dataDir, databaseUrl });
  if (options.migrate !== false) await migrateToLatest(database);
  return {
    database,
    env: databaseUrl ? { DATA_DIR: dataDir, DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir },
    async dispose() {
      await database.close();
      if (name) await dropDatabase(name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Drops a per-run database once its connections have gone. A closed pool's connections can take a
 * moment to leave the server; forcing them out while they close makes pg report "terminating
 * connection" errors after the test, so wait for them first and force only as a last resort.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== '55006') throw error; // 55006: object_in_use (other sessions still connected)
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
