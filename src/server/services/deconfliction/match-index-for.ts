import type { ServerDatabase } from '../../db/database';
import type { UnitOfWork } from '../../repositories/unit-of-work';
import type { MatchIndex, MatchIndexKind } from './match-index';
import { MemoryMatchIndex } from './memory-index';
import { PgMatchIndex } from './pg-index';

/** The configured index (config.ts checks that `postgres` comes with a PostgreSQL database). */
export function matchIndexFor(kind: MatchIndexKind, database: ServerDatabase, uow: UnitOfWork): MatchIndex {
  if (kind === 'postgres') {
    if (database.kind !== 'postgres') throw new Error('The PostgreSQL deconfliction index needs PostgreSQL');
    return new PgMatchIndex(database.db);
  }
  return new MemoryMatchIndex(uow);
}
