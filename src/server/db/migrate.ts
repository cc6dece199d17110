import { Migrator, type Migration, type MigrationProvider } from 'kysely';

import type { ServerDatabase } from './database';
import * as m0001 from './migrations/0001-server-meta';

/** Every migration, in order. One set for SQLite and PostgreSQL: use only portable column types. */
const migrations: Record<string, Migration> = {
  '0001-server-meta': m0001,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export async function migrateToLatest(database: ServerDatabase): Promise<void> {
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason =
      error instanceof Error ? error.message : failed ? 'see the migration log' : 'unknown error';
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}
