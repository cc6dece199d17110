import type { FastifyInstance } from 'fastify';

import { endpoints } from '../../contract/endpoints.contract';
import { registerEndpoint, type Authenticate } from '../http/endpoint';
import type { CasesService } from '../services/cases.service';
import type { InvitationsService } from '../services/invitations.service';
import { fail, ok } from '../services/service-result';

/** HTTP adapters only: each parses with the contract (registerEndpoint) and calls one service method. */
export function registerCasesRoutes(
  app: FastifyInstance,
  deps: {
    cases: CasesService;
    invitations: InvitationsService;
    authenticate: Authenticate;
    /** Counts an export report against the account's per-minute budget; seconds to wait, else 0. */
    takeExportReport: (userId: string) => Promise<number>;
  },
): void {
  const { cases, invitations, authenticate } = deps;

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

  registerEndpoint(app, endpoints.breakGlass, authenticate, ({ principal, params, body, origin }) =>
    cases.openBreakGlass(principal, params.caseId, body.reason, origin),
  );

  registerEndpoint(app, endpoints.withdrawInvitation, authenticate, ({ principal, params, origin }) =>
    cases.withdrawInvitation(principal, params.caseId, params.invitationId, origin),
  );

  registerEndpoint(app, endpoints.listMyInvitations, authenticate, async ({ principal }) =>
    ok({ invitations: await invitations.listMine(principal) }),
  );

  registerEndpoint(app, endpoints.acceptInvitation, authenticate, ({ principal, params, origin }) =>
    invitations.accept(principal, params.invitationId, origin),
  );

  registerEndpoint(app, endpoints.declineInvitation, authenticate, ({ principal, params, origin }) =>
    invitations.decline(principal, params.invitationId, origin),
  );

  registerEndpoint(app, endpoints.updateMember, authenticate, ({ principal, params, body, origin }) =>
    cases.updateMember(principal, params.caseId, params.userId, body.role, origin),
  );

  registerEndpoint(app, endpoints.setNoticeDisclosure, authenticate, ({ principal, params, body, origin }) =>
    cases.setNoticeDisclosure(principal, params.caseId, body.disclosure, origin),
  );

  // Each report is an audit entry: a runaway or hostile browser cannot flood the trail. Counted in the
  // database (before the membership check, whose refusals are audited too), shared by every process.
  registerEndpoint(
    app,
    endpoints.reportCaseExport,
    authenticate,
    async ({ principal, params, body, origin }) => {
      const seconds = await deps.takeExportReport(principal.userId);
      if (seconds > 0)
        return {
          ...fail('rate_limited', `Too many export reports: the next one is accepted in ${seconds} s.`),
          retryAfterSeconds: seconds,
        };
      return cases.recordExport(principal, params.caseId, body, origin);
    },
  );

  registerEndpoint(app, endpoints.removeMember, authenticate, ({ principal, params, origin }) =>
    cases.removeMember(principal, params.caseId, params.userId, origin),
  );
}
