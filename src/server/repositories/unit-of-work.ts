import type { Kysely } from 'kysely';

import type { ServerDatabase } from '../db/database';
import type { DatabaseSchema } from '../db/schema';
import { AccountUsageRepository } from './account-usage.repository';
import { AuditRepository } from './audit.repository';
import { BreakGlassRepository } from './break-glass.repository';
import { CasesRepository } from './cases.repository';
import { InvitationsRepository } from './invitations.repository';
import { LoginThrottleRepository } from './login-throttle.repository';
import { MembersRepository } from './members.repository';
import { SessionsRepository } from './sessions.repository';
import { SessionCaseReadsRepository } from './session-case-reads.repository';
import { SyncChangesRepository } from './sync-changes.repository';
import { SyncClientsRepository } from './sync-clients.repository';
import { SyncEntitiesRepository } from './sync-entities.repository';
import { SyncMatchesRepository } from './sync-matches.repository';
import { UsersRepository } from './users.repository';

/** Every repository, bound to one connection or one transaction. */
export interface Repositories {
  readonly users: UsersRepository;
  readonly sessions: SessionsRepository;
  readonly cases: CasesRepository;
  readonly members: MembersRepository;
  readonly invitations: InvitationsRepository;
  readonly breakGlass: BreakGlassRepository;
  readonly audit: AuditRepository;
  readonly syncClients: SyncClientsRepository;
  readonly syncEntities: SyncEntitiesRepository;
  readonly syncChanges: SyncChangesRepository;
  readonly syncMatches: SyncMatchesRepository;
  readonly loginThrottle: LoginThrottleRepository;
  readonly accountUsage: AccountUsageRepository;
  readonly sessionCaseReads: SessionCaseReadsRepository;
}

export function repositoriesOn(db: Kysely<DatabaseSchema>): Repositories {
  return {
    users: new UsersRepository(db),
    sessions: new SessionsRepository(db),
    cases: new CasesRepository(db),
    members: new MembersRepository(db),
    invitations: new InvitationsRepository(db),
    breakGlass: new BreakGlassRepository(db),
    audit: new AuditRepository(db),
    syncClients: new SyncClientsRepository(db),
    syncEntities: new SyncEntitiesRepository(db),
    syncChanges: new SyncChangesRepository(db),
    syncMatches: new SyncMatchesRepository(db),
    loginThrottle: new LoginThrottleRepository(db),
    accountUsage: new AccountUsageRepository(db),
    sessionCaseReads: new SessionCaseReadsRepository(db),
  };
}

/**
 * How services reach storage: `read` for single statements, `transaction` for a change and its audit
 * entry, which commit or roll back together.
 */
export interface UnitOfWork {
  readonly read: Repositories;
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

export function createUnitOfWork(database: ServerDatabase): UnitOfWork {
  return {
    read: repositoriesOn(database.db),
    transaction: (work) => database.db.transaction().execute((trx) => work(repositoriesOn(trx))),
  };
}
