import { existsSync } from 'node:fs';

import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';

import { DEFAULT_SCALE, DEFAULT_SECURITY, type ScaleConfig, type SecurityConfig } from './config';
import type { ServerDatabase } from './db/database';
import { sendError } from './http/api-error';
import { registerCsrfGuard } from './http/csrf-guard';
import type { Authenticate } from './http/endpoint';
import { registerSecurityHeaders } from './http/security-headers';
import { readSessionToken } from './http/session-cookie';
import { countsAsActivity } from './http/session-activity';
import { createUnitOfWork } from './repositories/unit-of-work';
import { registerAuthRoutes } from './routes/auth.routes';
import { registerCasesRoutes } from './routes/cases.routes';
import { registerHealthRoute } from './routes/health.route';
import { registerOpenApiRoute } from './routes/openapi.route';
import { registerSyncRoutes } from './routes/sync.routes';
import { watchStreamSessions } from './services/auth-session-watch';
import { AuthService } from './services/auth.service';
import { CasesService } from './services/cases.service';
import { InvitationsService } from './services/invitations.service';
import { clusterFor, type Cluster } from './services/cluster/cluster';
import { startLeaderJobs } from './services/cluster/leader-jobs';
import { DeconflictionConsumer } from './services/deconfliction/deconfliction-consumer';
import { DeconflictionService } from './services/deconfliction/deconfliction.service';
import { matchIndexFor } from './services/deconfliction/match-index-for';
import { LoginThrottle, throttleOptions } from './services/login-throttle';
import { takePerMinute, takePush } from './services/sync/account-budgets';
import { SyncEvents } from './services/sync/sync-events';
import type { SyncCommit } from './services/sync/sync-writer';
import { SyncService } from './services/sync/sync.service';

export interface AppDeps {
  readonly database: ServerDatabase;
  readonly version: string;
  /** The built SPA (dist/); absent in API-only tests. */
  readonly staticDir?: string | undefined;
  readonly logger?: boolean;
  /** Defaults to DEFAULT_SECURITY; tests shorten timeouts and limits. */
  readonly security?: Partial<SecurityConfig>;
  /** The clock, replaceable in tests of session timeouts. */
  readonly now?: () => Date;
  /** Defaults to DEFAULT_SCALE. */
  readonly scale?: Partial<ScaleConfig>;
  /** Compact the change log daily keeping this many days (run by the leader process); null: never. */
  readonly syncCompactDays?: number | null;
  /**
   * How this process talks to the others on its database and whether it leads (tests hand one in to
   * decide who leads); by default made from the database, and closed with the app.
   */
  readonly cluster?: Cluster;
}

const MINUTE = 60_000;
/** Each export report is an audit entry: enough for a busy analyst, too few to flood the trail. */
const EXPORT_REPORTS_PER_MINUTE = 60;

/** Builds the HTTP app from its dependencies; main.ts and the tests are its only callers. */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const security: SecurityConfig = { ...DEFAULT_SECURITY, ...deps.security };
  const now = deps.now ?? (() => new Date());
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: security.bodyLimitBytes,
    trustProxy: security.trustProxy,
  });

  const uow = createUnitOfWork(deps.database);
  const throttle = new LoginThrottle(uow, throttleOptions(security));
  const events = new SyncEvents(
    { perUser: security.syncStreamsPerUser, total: security.syncStreams },
    async (caseIds) => {
      const rows = await deps.database.db
        .selectFrom('case_members')
        .select('user_id')
        .distinct()
        .where('case_id', 'in', caseIds)
        .execute();
      return rows.map((r) => r.user_id);
    },
  );
  const auth = new AuthService(
    uow,
    {
      idleTimeoutMs: security.sessionIdleMinutes * MINUTE,
      absoluteTimeoutMs: security.sessionAbsoluteHours * 60 * MINUTE,
      touchIntervalMs: Math.min(MINUTE, (security.sessionIdleMinutes * MINUTE) / 10),
    },
    throttle,
    now,
    // A session that ends closes the live streams it opened (logout, revoke-all, password change…).
    (ended) => ('sessionId' in ended ? events.closeSession(ended.sessionId) : events.closeUser(ended.userId)),
  );
  const streamWatch = watchStreamSessions(events, auth, security.sessionStreamCheckSeconds * 1000);
  // Several processes may serve one PostgreSQL database: commits are announced to all of them (pokes,
  // the deconfliction consumer), and one of them, the leader, runs the background jobs.
  const scale: ScaleConfig = { ...DEFAULT_SCALE, ...deps.scale };
  const cluster = deps.cluster ?? (await clusterFor(deps.database, { leaderCheckMs: scale.leaderCheckMs }));
  const poke = (commit: SyncCommit) => {
    if (commit.changes > 0)
      cluster.bus.publish({
        type: 'commit',
        latestSeq: commit.latestSeq,
        caseIds: [...commit.caseIds],
        userIds: [...commit.userIds],
      });
  };
  const deconfliction = new DeconflictionService(
    uow,
    matchIndexFor(scale.deconflictionIndex, deps.database, uow),
    now,
    poke,
  );
  const consumer = new DeconflictionConsumer(uow, deconfliction, cluster.bus, {
    onError: (error) => app.log.error(error, 'deconfliction consumer step failed; retrying'),
  });
  const unsubscribe = cluster.bus.subscribe((message) => {
    if (message.type === 'commit') {
      void events.pokeFor(message.latestSeq, message.caseIds, message.userIds);
      consumer.wake();
    } else if (message.type === 'deconflicted') consumer.heard(message.cursor);
    else {
      // Messages may have been missed: every stream pulls, and the consumer looks at the log.
      void uow.read.syncChanges
        .counter()
        .then((latestSeq) => events.pokeFor(latestSeq, null, []))
        .catch(() => undefined);
      consumer.wake();
    }
  });
  const jobs = startLeaderJobs(cluster.leadership, {
    consumer,
    compact:
      deps.syncCompactDays === undefined || deps.syncCompactDays === null
        ? null
        : { days: deps.syncCompactDays, uow, now },
  });
  const sync = new SyncService(uow, now, (seq) => consumer.caughtUp(seq, scale.deconflictionWaitMs), poke, {
    lookupsPerHour: security.syncLookupsPerHour,
    storedBytes: security.syncStoredBytes,
  });
  const cases = new CasesService(uow, now, poke);
  const invitations = new InvitationsService(uow, now, poke);
  const authenticate: Authenticate = (request) =>
    auth.authenticate(readSessionToken(request, security.https), { activity: countsAsActivity(request) });

  await registerSecurityHeaders(app, security.https);
  await app.register(fastifyCookie);
  registerCsrfGuard(app, security);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) {
      const limit = request.routeOptions.bodyLimit ?? security.bodyLimitBytes;
      return sendError(
        reply,
        'payload_too_large',
        `The request is too large (at most ${Math.floor(limit / 1024)} KiB).`,
      );
    }
    if (status === 415) return sendError(reply, 'unsupported_media_type', 'Send the request body as JSON.');
    if (status >= 400 && status < 500)
      return sendError(reply, 'bad_request', 'The request body is not valid JSON.');
    request.log.error(error);
    return sendError(reply, 'internal', 'The server failed to handle this request; the error was logged.');
  });

  registerHealthRoute(app, deps);
  registerOpenApiRoute(app, deps.version, security.https);
  registerAuthRoutes(app, {
    auth,
    authenticate,
    https: security.https,
    idleTimeoutMinutes: security.sessionIdleMinutes,
    now,
  });
  registerCasesRoutes(app, {
    cases,
    invitations,
    authenticate,
    takeExportReport: (userId) =>
      uow.transaction((repos) =>
        takePerMinute(repos, userId, 'exportReports', EXPORT_REPORTS_PER_MINUTE, now().getTime()),
      ),
  });
  registerSyncRoutes(app, {
    sync,
    events,
    authenticate,
    takePush: (userId) =>
      uow.transaction((repos) => takePush(repos, userId, security.syncPushesPerMinute, now().getTime())),
    pushBodyLimitBytes: security.syncPushBodyLimitBytes,
  });

  // Expired sessions and spent sign-in limits do nothing; the sweep only keeps the tables small.
  const sweep = setInterval(() => void auth.purgeExpired().catch(() => undefined), 10 * MINUTE);
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    streamWatch.stop();
    unsubscribe();
    await jobs.stop();
    if (!deps.cluster) await cluster.close();
  });
  // Open event streams would keep the server (and a test run) from closing: end them first.
  app.addHook('preClose', (done) => {
    events.close();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    events.close();
    done();
  });

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
