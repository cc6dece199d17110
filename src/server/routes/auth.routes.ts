import type { FastifyInstance } from 'fastify';

import type { MeResponse } from '../../contract/account.contract';
import { endpoints } from '../../contract/endpoints.contract';
import { registerEndpoint, type Authenticate } from '../http/endpoint';
import { clearSessionCookie, setSessionCookie } from '../http/session-cookie';
import type { AuthService } from '../services/auth.service';
import type { Principal } from '../services/principal';
import { fail, ok } from '../services/service-result';

export interface AuthRouteDeps {
  readonly auth: AuthService;
  readonly authenticate: Authenticate;
  readonly https: boolean;
  readonly idleTimeoutMinutes: number;
  readonly now: () => Date;
}

function me(p: Principal, idleTimeoutMinutes: number): MeResponse {
  return {
    user: {
      id: p.userId,
      username: p.username,
      displayName: p.displayName,
      organization: p.organization,
      contact: p.contact,
      isAdmin: p.isAdmin,
    },
    session: { expiresAt: p.sessionExpiresAt, idleTimeoutMinutes: Math.round(idleTimeoutMinutes) },
  };
}

export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const noSession: Authenticate = () => Promise.resolve(null);

  registerEndpoint(app, endpoints.login, noSession, async ({ body, origin, reply }) => {
    const result = await deps.auth.login(body.username, body.password, origin);
    if (!result.ok) {
      if (result.reason === 'throttled') {
        const minutes = Math.ceil(result.retryAfterSeconds / 60);
        return {
          ...fail(
            'rate_limited',
            `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          ),
          retryAfterSeconds: result.retryAfterSeconds,
        };
      }
      return fail('unauthenticated', 'The username or password is wrong.');
    }
    setSessionCookie(reply, result.token, deps.https, {
      expiresAt: result.principal.sessionExpiresAt,
      now: deps.now(),
    });
    return ok(me(result.principal, deps.idleTimeoutMinutes));
  });

  registerEndpoint(app, endpoints.logout, deps.authenticate, async ({ principal, origin, reply }) => {
    if (principal) await deps.auth.logout(principal, origin);
    clearSessionCookie(reply, deps.https);
    return ok({ ok: true as const });
  });

  registerEndpoint(
    app,
    endpoints.changePassword,
    deps.authenticate,
    async ({ principal, body, origin, reply }) => {
      const result = await deps.auth.changePassword(principal, body, origin);
      if (!result.ok) {
        if (result.reason === 'throttled')
          return {
            ...fail('rate_limited', 'Too many wrong passwords. Try again later.'),
            retryAfterSeconds: result.retryAfterSeconds,
          };
        if (result.reason === 'wrong_password')
          return fail('forbidden', 'The current password is wrong.', result.reason);
        return fail('bad_request', result.message, result.reason);
      }
      setSessionCookie(reply, result.token, deps.https, {
        expiresAt: result.principal.sessionExpiresAt,
        now: deps.now(),
      });
      return ok(me(result.principal, deps.idleTimeoutMinutes));
    },
  );

  registerEndpoint(app, endpoints.me, deps.authenticate, async ({ principal }) =>
    Promise.resolve(ok(me(principal, deps.idleTimeoutMinutes))),
  );

  registerEndpoint(
    app,
    endpoints.revokeAllSessions,
    deps.authenticate,
    async ({ principal, origin, reply }) => {
      const revokedSessions = await deps.auth.revokeAll(
        principal.userId,
        { id: principal.userId, name: principal.username },
        origin,
      );
      clearSessionCookie(reply, deps.https);
      return ok({ ok: true as const, revokedSessions });
    },
  );
}
