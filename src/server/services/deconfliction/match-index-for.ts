import type { ServerDatabase } from '../../db/database';
import type { UnitOfWork } from '../../repositories/unit-of-work';
import type { MatchIndex, MatchIndexKind } from './match-index';
import { MemoryMatchIndex } from './memory-index';
import { copyBucketReader } from './pg-bucket-reads';
import { PgMatchIndex } from './pg-index';

/** The configured index (config.ts checks that `postgres` comes with a PostgreSQL database). */
export function matchIndexFor(kind: MatchIndexKind, database: ServerDatabase, uow: UnitOfWork): MatchIndex {
  if (kind === 'postgres') {
    if (database.kind !== 'postgres' || !database.copyRows)
      throw new Error('The PostgreSQL deconfliction index needs PostgreSQL');
    return new PgMatchIndex(database.db, copyBucketReader(database.copyRows));
  }
  return new MemoryMatchIndex(uow);
}
