import { Migrator, type Migration, type MigrationProvider } from 'kysely';

import type { DatabaseKind } from '../../contract/health.contract';
import type { ServerDatabase } from './database';
import * as m0001 from './migrations/0001-server-meta';
import { accountsCasesAudit } from './migrations/0002-accounts-cases-audit';
import { syncTables } from './migrations/0003-sync';
import { loginThrottleTables } from './migrations/0004-login-throttle';
import { recordVersionsAndBudgets } from './migrations/0005-record-versions-budgets';
import { scaleOut } from './migrations/0006-scale-out';
import { readAudit } from './migrations/0007-read-audit';
import { noticeDisclosure } from './migrations/0009-notice-disclosure';
import { breakGlassGrants } from './migrations/0010-break-glass';
import { memberInvitations } from './migrations/0010-member-invitations';
import { pdqBuckets } from './migrations/0011-pdq-buckets';

/**
 * Every migration, in order. One set for SQLite and PostgreSQL: portable column types only; the few
 * dialect-specific statements (audit triggers) branch on the kind inside the migration.
 */
function migrationsFor(kind: DatabaseKind): Record<string, Migration> {
  return {
    '0001-server-meta': m0001,
    '0002-accounts-cases-audit': accountsCasesAudit(kind),
    '0003-sync': syncTables(),
    '0004-login-throttle': loginThrottleTables(),
    '0005-record-versions-budgets': recordVersionsAndBudgets(),
    '0006-scale-out': scaleOut(kind),
    '0007-read-audit': readAudit(),
    '0009-notice-disclosure': noticeDisclosure(),
    '0010-member-invitations': memberInvitations(),
    '0010-break-glass': breakGlassGrants(),
    '0011-pdq-buckets': pdqBuckets(kind),
  };
}

export async function migrateToLatest(database: ServerDatabase): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: () => Promise.resolve(migrationsFor(database.kind)),
  };
  // Numbers are reserved per issue and land in any order (0007 before 0006): a database that ran a
  // later number first still runs an earlier one that arrives after. Migrations with reserved numbers
  // touch disjoint tables and columns, so their order does not matter.
  const migrator = new Migrator({ db: database.db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason =
      error instanceof Error ? error.message : failed ? 'see the migration log' : 'unknown error';
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}
