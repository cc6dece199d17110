import type { FastifyInstance } from 'fastify';

import { HealthResponse } from '../../contract/health.contract';
import type { ServerDatabase } from '../db/database';

export function registerHealthRoute(
  app: FastifyInstance,
  deps: { database: ServerDatabase; version: string },
): void {
  app.get('/api/health', () => {
    const body: HealthResponse = { status: 'ok', version: deps.version, database: deps.database.kind };
    return HealthResponse.parse(body);
  });
}
