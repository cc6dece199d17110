// Composition root: read the environment, open storage, migrate, serve.
import { fileURLToPath } from 'node:url';

import { createApp } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createUnitOfWork } from './repositories/unit-of-work';
import { compactOlderThan } from './services/sync/compaction';
import { scheduleCompaction } from './services/sync/compaction-schedule';
import { WAYMARK_VERSION } from './version';

const config = loadConfig(process.env);
const database = openDatabase(config);
await migrateToLatest(database);

const app = await createApp({
  database,
  version: WAYMARK_VERSION,
  staticDir: process.env.WAYMARK_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url)),
  logger: process.env.WAYMARK_LOG === '1',
  security: config.security,
});

const address = await app.listen({ port: config.port, host: config.host });
console.log(`waymark ${WAYMARK_VERSION} listening on ${address} (database: ${database.kind})`);

// WAYMARK_SYNC_COMPACT_DAYS: the change log keeps that many days (browsers idle longer re-download).
const days = config.syncCompactDays;
const stopCompaction =
  days === null
    ? () => undefined
    : scheduleCompaction(() =>
        compactOlderThan(createUnitOfWork(database), days, new Date(), { id: null, name: 'server:schedule' }),
      );

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  stopCompaction();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
