import { resolve } from 'node:path';

/** Everything the server reads from its environment, parsed once at start-up. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Folder for the embedded SQLite database (and anything else the server keeps on disk). */
  readonly dataDir: string;
  /** A `postgres://` URL switches storage to PostgreSQL; otherwise SQLite in `dataDir`. */
  readonly databaseUrl: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite database)',
    );
  }
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(cwd, env.DATA_DIR?.trim() || 'data'),
    databaseUrl,
  };
}
