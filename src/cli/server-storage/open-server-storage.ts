import { userInfo } from 'node:os';

import { loadConfig } from '../../server/config';
import { openDatabase, type ServerDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { createUnitOfWork, type UnitOfWork } from '../../server/repositories/unit-of-work';
import type { AuditActor } from '../../server/services/audit-trail';

/**
 * The server's own storage, opened the way the server opens it (same DATA_DIR / DATABASE_URL), and
 * migrated, so `user add` works before the server has ever started.
 */
export async function openServerStorage(
  env: NodeJS.ProcessEnv,
): Promise<{ database: ServerDatabase; uow: UnitOfWork }> {
  const database = openDatabase(loadConfig(env));
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { database, uow: createUnitOfWork(database) };
}

/** Who the audit trail names for a command-line action: the operating-system account. */
export function cliActor(): AuditActor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): the trail still says it came from the command line.
  }
  return { id: null, name: `cli:${name}` };
}
