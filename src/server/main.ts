// Composition root: read the environment, open storage, migrate, serve.
import { fileURLToPath } from 'node:url';

import { createApp } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
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
  scale: config.scale,
  // WAYMARK_SYNC_COMPACT_DAYS: the change log keeps that many days (browsers idle longer re-download);
  // the leader process alone compacts.
  syncCompactDays: config.syncCompactDays,
});

const address = await app.listen({ port: config.port, host: config.host });
console.log(`waymark ${WAYMARK_VERSION} listening on ${address} (database: ${database.kind})`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
