import { existsSync } from 'node:fs';

import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';

import type { ServerDatabase } from './db/database';
import { registerHealthRoute } from './routes/health.route';

export interface AppDeps {
  readonly database: ServerDatabase;
  readonly version: string;
  /** The built SPA (dist/); absent in API-only tests. */
  readonly staticDir?: string | undefined;
  readonly logger?: boolean;
}

/** Builds the HTTP app from its dependencies; main.ts and the tests are its only callers. */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 1024 * 1024 });

  registerHealthRoute(app, deps);

  if (deps.staticDir && existsSync(deps.staticDir)) {
    await app.register(fastifyStatic, { root: deps.staticDir, index: ['index.html'], wildcard: false });
  }

  // Client-side routes (/cases/<id>) are answered with the app shell; unknown API paths get a JSON 404.
  app.setNotFoundHandler((request, reply) => {
    const wantsApp =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      deps.staticDir &&
      existsSync(deps.staticDir);
    if (wantsApp) return reply.type('text/html').sendFile('index.html');
    return reply
      .code(404)
      .send({ error: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}` });
  });

  return app;
}
