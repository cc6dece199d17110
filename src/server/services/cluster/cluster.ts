import { sql } from 'kysely';

import type { ServerDatabase } from '../../db/database';
import { LocalBus, type ClusterBus } from './bus';
import { SoleLeadership, type Leadership } from './leadership';
import { PgBus } from './pg-bus';
import { PgLeadership } from './pg-leadership';

/** How the server processes of one database talk (bus) and which of them runs the jobs (leadership). */
export interface Cluster {
  readonly bus: ClusterBus;
  readonly leadership: Leadership;
  close(): Promise<void>;
}

/**
 * SQLite: one process, messages delivered in memory, and it always leads. PostgreSQL: any number of
 * processes, LISTEN/NOTIFY between them and an advisory lock naming the leader.
 */
export async function clusterFor(
  database: ServerDatabase,
  options: { readonly leaderCheckMs?: number } = {},
): Promise<Cluster> {
  if (database.kind !== 'postgres' || !database.connectionString) {
    return clusterOf(new LocalBus(), new SoleLeadership());
  }
  const bus = new PgBus(database.connectionString, async (channel, payload) => {
    await sql`select pg_notify(${channel}, ${payload})`.execute(database.db);
  });
  await bus.start();
  return clusterOf(bus, new PgLeadership(database.connectionString, options.leaderCheckMs));
}

/** Closing gives up leadership first, so the jobs it runs stop before the bus they may use closes. */
function clusterOf(bus: ClusterBus, leadership: Leadership): Cluster {
  return {
    bus,
    leadership,
    close: async () => {
      await leadership.close();
      await bus.close();
    },
  };
}
