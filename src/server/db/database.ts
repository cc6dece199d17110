import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

import type { DatabaseKind } from '../../contract/health.contract';
import { parseBinaryCopy, type CopyRow } from './binary-copy';
import type { DatabaseSchema } from './schema';

export interface ServerDatabase {
  readonly kind: DatabaseKind;
  readonly db: Kysely<DatabaseSchema>;
  /** PostgreSQL: the URL, for the dedicated connections of LISTEN and the leader's advisory lock. */
  readonly connectionString?: string;
  /**
   * PostgreSQL: the rows of `COPY (<select>) TO STDOUT WITH (FORMAT binary)`, each field's raw bytes
   * (binary-copy.ts). COPY takes no parameters: the caller builds `select` from values it has checked.
   */
  readonly copyRows?: CopyRows;
  close(): Promise<void>;
}

export type CopyRows = (select: string) => Promise<CopyRow[]>;

export interface DatabaseOptions {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
}

/** SQLite in `dataDir` by default; PostgreSQL when a URL is given. One Kysely schema for both. */
export function openDatabase(options: DatabaseOptions): ServerDatabase {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    let closing = false;
    // An idle connection can be cut by the server (restart, admin termination). Without a listener pg
    // raises that as an uncaught error and the process dies; the pool replaces the connection anyway.
    pool.on('error', (error) => {
      if (!closing) console.error(`waymark: an idle PostgreSQL connection was closed: ${error.message}`);
    });
    const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'postgres',
      db,
      connectionString: options.databaseUrl,
      copyRows: (select) => copyRowsFrom(pool, select),
      close: () => {
        closing = true;
        return db.destroy();
      },
    };
  }
  const file = createPrivately(options.dataDir, 'waymark.sqlite');
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the single writer; the busy timeout rides out a CLI command writing
  // while the server runs.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kind: 'sqlite', db, close: () => db.destroy() };
}

async function copyRowsFrom(pool: pg.Pool, select: string): Promise<CopyRow[]> {
  const client = await pool.connect();
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of client.query(copyTo(`copy (${select}) to stdout with (format binary)`)))
      chunks.push(chunk as Buffer);
  } catch (error) {
    // A connection that failed mid-COPY may be in any state: the pool drops it.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
  client.release();
  return parseBinaryCopy(Buffer.concat(chunks));
}

/**
 * The data folder is the server's alone (0700) and the database file readable by its owner only
 * (0600), whatever the umask, also when they existed before. SQLite gives its -wal and -shm files the
 * database file's permissions; any left from before are tightened here too.
 */
function createPrivately(dataDir: string, name: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = join(dataDir, name);
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
  return file;
}
