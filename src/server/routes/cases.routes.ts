import type { FastifyInstance } from 'fastify';

import { endpoints } from '../../contract/endpoints.contract';
import { registerEndpoint, type Authenticate } from '../http/endpoint';
import type { CasesService } from '../services/cases.service';
import { fail, ok } from '../services/service-result';
import { PushRateLimit } from '../services/sync/push-rate-limit';

const EXPORT_REPORTS_PER_MINUTE = 60;

/** HTTP adapters only: each parses with the contract (registerEndpoint) and calls one service method. */
export function registerCasesRoutes(
  app: FastifyInstance,
  deps: { cases: CasesService; authenticate: Authenticate; now: () => Date },
): void {
  const { cases, authenticate } = deps;
  // Each report is an audit entry: a runaway or hostile browser cannot flood the trail.
  const exportReports = new PushRateLimit(EXPORT_REPORTS_PER_MINUTE);

  registerEndpoint(app, endpoints.listCases, authenticate, async ({ principal }) =>
    ok({ cases: await cases.list(principal) }),
  );

  registerEndpoint(app, endpoints.createCase, authenticate, ({ principal, body, origin }) =>
    cases.create(principal, body, origin),
  );

  registerEndpoint(app, endpoints.getCase, authenticate, ({ principal, params, origin }) =>
    cases.get(principal, params.caseId, origin),
  );

  registerEndpoint(app, endpoints.listMembers, authenticate, ({ principal, params, origin }) =>
    cases.listMembers(principal, params.caseId, origin),
  );

  registerEndpoint(app, endpoints.addMember, authenticate, ({ principal, params, body, origin }) =>
    cases.addMember(principal, params.caseId, body, origin),
  );

  registerEndpoint(app, endpoints.updateMember, authenticate, ({ principal, params, body, origin }) =>
    cases.updateMember(principal, params.caseId, params.userId, body.role, origin),
  );

  registerEndpoint(app, endpoints.reportCaseExport, authenticate, ({ principal, params, body, origin }) => {
    const waitMs = exportReports.take(principal.userId, deps.now().getTime());
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      return Promise.resolve({
        ...fail('rate_limited', `Too many export reports: the next one is accepted in ${seconds} s.`),
        retryAfterSeconds: seconds,
      });
    }
    return cases.recordExport(principal, params.caseId, body, origin);
  });

  registerEndpoint(app, endpoints.removeMember, authenticate, ({ principal, params, origin }) =>
    cases.removeMember(principal, params.caseId, params.userId, origin),
  );
}
