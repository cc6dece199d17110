import type { CaseView, MyInvitationView } from '../../contract/cases.contract';
import type { InvitationRow } from '../repositories/invitations.repository';
import type { Repositories, UnitOfWork } from '../repositories/unit-of-work';
import { appendAudit, AuditAction } from './audit-trail';
import { actorOf, type Principal, type RequestOrigin } from './principal';
import { fail, ok, type ServiceResult } from './service-result';
import { syncMembership } from './sync/case-lifecycle';
import type { SyncCommit } from './sync/sync-writer';

const NOT_FOUND = 'No pending invitation with this id for you.';

/**
 * The invitee's side of an invitation: list, accept, decline. Only the account an invitation was made
 * for sees or answers it (anyone else gets 404, audited as a denial like any other probe); accepting is
 * the only way onto a case, so a case appears in an analyst's list, bootstrap and pulls only after they
 * said yes. Each answer deletes the invitation in the same transaction as its audit entry.
 */
export class InvitationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly now: () => Date = () => new Date(),
    /** Told after a commit that added sync changes (the sync poke). */
    private readonly synced: (commit: SyncCommit) => void = () => undefined,
  ) {}

  async listMine(principal: Principal): Promise<MyInvitationView[]> {
    const rows = await this.uow.read.invitations.listForUser(principal.userId);
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      caseName: r.case_name,
      role: r.role,
      invitedBy: r.invited_by_name,
      invitedAt: r.invited_at,
    }));
  }

  async accept(
    principal: Principal,
    invitationId: string,
    origin: RequestOrigin,
  ): Promise<ServiceResult<CaseView>> {
    let commit: SyncCommit | undefined;
    const result = await this.answer(principal, invitationId, origin, async (repos, invitation, at) => {
      const row = await repos.cases.findById(invitation.case_id);
      if (!row || row.deleted_at !== null) return fail('not_found', NOT_FOUND);
      await repos.invitations.delete(invitation.id);
      // Already a member (added on another path meanwhile): the invitation is spent, the role kept.
      const existing = await repos.members.find(invitation.case_id, principal.userId);
      if (!existing) {
        await repos.members.insert({
          case_id: invitation.case_id,
          user_id: principal.userId,
          role: invitation.role,
          added_by: invitation.invited_by,
          added_at: at.toISOString(),
          updated_at: at.toISOString(),
        });
        commit = await syncMembership(
          repos,
          'case_granted',
          invitation.case_id,
          principal.userId,
          at.toISOString(),
        );
        await repos.cases.bump(invitation.case_id, at.toISOString());
      }
      await appendAudit(
        repos,
        {
          action: AuditAction.memberAccepted,
          actor: actorOf(principal),
          caseId: invitation.case_id,
          subject: principal.userId,
          ip: origin.ip,
          detail: { role: invitation.role, invitedBy: invitation.invited_by, alreadyMember: !!existing },
        },
        at,
      );
      const role = existing?.role ?? invitation.role;
      return ok({ id: row.id, name: row.name, role, createdAt: row.created_at, updatedAt: at.toISOString() });
    });
    if (result.ok && commit) this.synced(commit);
    return result;
  }

  async decline(
    principal: Principal,
    invitationId: string,
    origin: RequestOrigin,
  ): Promise<ServiceResult<{ ok: true }>> {
    return this.answer(principal, invitationId, origin, async (repos, invitation, at) => {
      await repos.invitations.delete(invitation.id);
      await appendAudit(
        repos,
        {
          action: AuditAction.memberDeclined,
          actor: actorOf(principal),
          caseId: invitation.case_id,
          subject: principal.userId,
          ip: origin.ip,
          detail: { role: invitation.role, invitedBy: invitation.invited_by },
        },
        at,
      );
      return ok({ ok: true as const });
    });
  }

  /** Finds the caller's own invitation in one transaction; anything else is a 404, audited. */
  private async answer<T>(
    principal: Principal,
    invitationId: string,
    origin: RequestOrigin,
    work: (repos: Repositories, invitation: InvitationRow, at: Date) => Promise<ServiceResult<T>>,
  ): Promise<ServiceResult<T>> {
    const at = this.now();
    const result = await this.uow.transaction(async (repos) => {
      const invitation = await repos.invitations.findById(invitationId);
      if (!invitation || invitation.user_id !== principal.userId) return null;
      return work(repos, invitation, at);
    });
    if (result) return result;
    await this.uow.transaction((repos) =>
      appendAudit(
        repos,
        {
          action: AuditAction.accessDenied,
          actor: actorOf(principal),
          subject: invitationId,
          ip: origin.ip,
          detail: { attempted: 'answer-invitation', answer: 'not_found' },
        },
        at,
      ),
    );
    return fail('not_found', NOT_FOUND);
  }
}
