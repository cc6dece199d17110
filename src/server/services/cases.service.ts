import { ulid } from 'ulidx';

import type { CaseExportReport } from '../../contract/case-exports.contract';
import {
  BREAK_GLASS_MINUTES,
  MAX_PENDING_INVITATIONS,
  MemberErrorReason,
  NoticeDisclosure,
  type CaseRole,
  type CaseView,
  type MembersResponse,
  type MemberView,
} from '../../contract/cases.contract';
import { normalizeCaseName, CASE_NAME_MAX_LENGTH } from '../../domain/case/case';
import type { CaseRow } from '../repositories/cases.repository';
import type { Repositories, UnitOfWork } from '../repositories/unit-of-work';
import { CaseAction, decideCaseAccess } from './access-policy';
import { appendAudit, AuditAction } from './audit-trail';
import { actorOf, type Principal, type RequestOrigin } from './principal';
import { fail, ok, type ServiceFailure, type ServiceResult } from './service-result';
import { syncCaseCreated, syncMembership } from './sync/case-lifecycle';
import { usernameKey } from './users.service';
import type { SyncCommit } from './sync/sync-writer';

const NOT_FOUND = 'No case with this id, or you are not a member of it.';
const MANAGE_ONLY = 'Only an owner of this case can change its members.';
const LAST_OWNER = 'A case needs at least one owner: make someone else owner first.';

type Denial = ServiceFailure & { readonly denied: CaseAction };

/** Break-glass openings listed in the members panel (newest first); the audit trail keeps them all. */
const BREAK_GLASS_SHOWN = 20;

function caseView(row: CaseRow, role: CaseRole): CaseView {
  return { id: row.id, name: row.name, role, createdAt: row.created_at, updatedAt: row.updated_at };
}

/**
 * Cases and their members. Every operation re-reads the caller's membership inside its transaction,
 * so a role removed a moment ago is already in force; a refusal is itself written to the audit trail.
 */
export class CasesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly now: () => Date = () => new Date(),
    /** Told after a commit that added sync changes (the sync poke). */
    private readonly synced: (commit: SyncCommit) => void = () => undefined,
  ) {}

  async list(principal: Principal): Promise<CaseView[]> {
    const rows = await this.uow.read.cases.listForMember(principal.userId);
    return rows.map((r) => caseView(r, r.role));
  }

  async create(
    principal: Principal,
    input: { id?: string | undefined; name: string },
    origin: RequestOrigin,
  ): Promise<ServiceResult<CaseView>> {
    const name = normalizeCaseName(input.name);
    if (!name.ok)
      return fail(
        'bad_request',
        name.problem === 'empty'
          ? 'Enter a name for the case.'
          : `The name is too long (at most ${CASE_NAME_MAX_LENGTH} characters).`,
      );
    const id = input.id ?? ulid();
    const at = this.now();
    const iso = at.toISOString();
    const row: CaseRow = {
      id,
      name: name.name,
      created_by: principal.userId,
      created_at: iso,
      updated_at: iso,
      version: 1,
      deleted_at: null,
      notice_disclosure: 'unit',
    };
    let commit: SyncCommit | undefined;
    const result = await this.uow.transaction(async (repos) => {
      if (await repos.cases.findById(id)) return null;
      await repos.cases.insert(row);
      await repos.members.insert({
        case_id: id,
        user_id: principal.userId,
        role: 'owner',
        added_by: principal.userId,
        added_at: iso,
        updated_at: iso,
      });
      commit = await syncCaseCreated(repos, row, iso);
      await appendAudit(
        repos,
        {
          action: AuditAction.caseCreated,
          actor: actorOf(principal),
          caseId: id,
          ip: origin.ip,
          detail: { name: row.name, keptClientId: input.id !== undefined },
        },
        at,
      );
      return row;
    });
    if (!result) return fail('conflict', 'A case with this id already exists on the server.');
    if (commit) this.synced(commit);
    return ok(caseView(result, 'owner'));
  }

  async get(principal: Principal, caseId: string, origin: RequestOrigin): Promise<ServiceResult<CaseView>> {
    return this.guarded(principal, caseId, CaseAction.read, origin, (_repos, role, row) =>
      Promise.resolve(ok(caseView(row, role ?? 'viewer'))),
    );
  }

  /**
   * A member's browser reports an export of the case (contract/case-exports.contract.ts). Any member
   * may export what they can read; a non-member is refused (404) like any other read, and audited.
   */
  async recordExport(
    principal: Principal,
    caseId: string,
    report: CaseExportReport,
    origin: RequestOrigin,
  ): Promise<ServiceResult<{ ok: true }>> {
    return this.guarded(principal, caseId, CaseAction.read, origin, async (repos) => {
      await appendAudit(
        repos,
        {
          action: AuditAction.caseExported,
          actor: actorOf(principal),
          caseId,
          ip: origin.ip,
          detail: { ...report },
        },
        this.now(),
      );
      return ok({ ok: true as const });
    });
  }

  async listMembers(
    principal: Principal,
    caseId: string,
    origin: RequestOrigin,
  ): Promise<ServiceResult<MembersResponse>> {
    // Members may see who else is on the case; an administrator with a live break-glass grant sees it
    // to manage it.
    const actions = [CaseAction.read, CaseAction.manageMembers] as const;
    return this.guarded(principal, caseId, actions, origin, async (repos, role) =>
      ok(await this.members(repos, caseId, principal, role)),
    );
  }

  /**
   * Invites a username to the case. The answer (status and body) is the same whether or not the
   * username belongs to an account, and both paths run the same statements: the caller learns nothing
   * about who exists. An invitation to a username without a (live) account is stored with no user and
   * can never be accepted; the inviter sees it pending like any other and may withdraw it.
   */
  async addMember(
    principal: Principal,
    caseId: string,
    input: { username: string; role: CaseRole },
    origin: RequestOrigin,
  ): Promise<ServiceResult<MembersResponse>> {
    return this.guarded(principal, caseId, CaseAction.manageMembers, origin, async (repos, role) => {
      const key = usernameKey(input.username);
      const found = await repos.users.findByKey(key);
      const user = found && found.disabled_at === null ? found : undefined;
      // Members are listed to whoever may invite, so "already a member" reveals nothing new.
      if (await repos.members.find(caseId, user?.id ?? ''))
        return fail(
          'conflict',
          'That user is already a member of this case.',
          MemberErrorReason.enum.already_member,
        );
      const at = this.now().toISOString();
      const terms = {
        username: input.username,
        user_id: user?.id ?? null,
        role: input.role,
        invited_by: principal.userId,
        invited_at: at,
      };
      const pending = await repos.invitations.findForCase(caseId, key);
      if (pending) await repos.invitations.renew(pending.id, terms);
      else {
        if ((await repos.invitations.countForCase(caseId)) >= MAX_PENDING_INVITATIONS)
          return fail(
            'conflict',
            'This case has too many pending invitations: withdraw some first.',
            MemberErrorReason.enum.too_many_invitations,
          );
        await repos.invitations.insert({ id: ulid(), case_id: caseId, username_key: key, ...terms });
      }
      await appendAudit(
        repos,
        {
          action: AuditAction.memberInvited,
          actor: actorOf(principal),
          caseId,
          subject: user?.id ?? null,
          ip: origin.ip,
          detail: { username: input.username, role: input.role, accountFound: user !== undefined },
        },
        new Date(at),
      );
      return ok(await this.members(repos, caseId, principal, role));
    });
  }

  /**
   * Break-glass: an administrator opens a case they may otherwise not touch, giving a reason. For
   * BREAK_GLASS_MINUTES they may manage its members (not read its records); the opening is audited
   * with its reason and listed to the case's owners. Anyone else is refused like any other probe (404
   * to non-members, 403 to members), and audited.
   */
  async openBreakGlass(
    principal: Principal,
    caseId: string,
    reason: string,
    origin: RequestOrigin,
  ): Promise<ServiceResult<MembersResponse>> {
    const attempted = 'break-glass';
    const result = await this.uow.transaction(async (repos): Promise<ServiceResult<MembersResponse>> => {
      const row = await repos.cases.findById(caseId);
      if (!row || row.deleted_at !== null) return fail('not_found', NOT_FOUND);
      const member = await repos.members.find(caseId, principal.userId);
      if (!principal.isAdmin)
        return member
          ? fail('forbidden', 'Only an administrator can open a case by break-glass.')
          : fail('not_found', NOT_FOUND);
      const at = this.now();
      const expiresAt = new Date(at.getTime() + BREAK_GLASS_MINUTES * 60_000).toISOString();
      await repos.breakGlass.insert({
        id: ulid(),
        case_id: caseId,
        user_id: principal.userId,
        reason,
        opened_at: at.toISOString(),
        expires_at: expiresAt,
      });
      await appendAudit(
        repos,
        {
          action: AuditAction.caseBreakGlass,
          actor: actorOf(principal),
          caseId,
          ip: origin.ip,
          detail: { reason, expiresAt },
        },
        at,
      );
      return ok(await this.members(repos, caseId, principal, member?.role ?? null));
    });
    if (!result.ok) await this.auditDenied(principal, caseId, attempted, result.error, origin);
    return result;
  }

  /** Withdraws a pending invitation: it can no longer be accepted. */
  async withdrawInvitation(
    principal: Principal,
    caseId: string,
    invitationId: string,
    origin: RequestOrigin,
  ): Promise<ServiceResult<MembersResponse>> {
    return this.guarded(principal, caseId, CaseAction.manageMembers, origin, async (repos, role) => {
      const invitation = await repos.invitations.findById(invitationId);
      if (!invitation || invitation.case_id !== caseId)
        return fail('not_found', 'No pending invitation with this id on this case.');
      const at = this.now();
      await repos.invitations.delete(invitation.id);
      await appendAudit(
        repos,
        {
          action: AuditAction.invitationWithdrawn,
          actor: actorOf(principal),
          caseId,
          subject: invitation.user_id,
          ip: origin.ip,
          detail: { username: invitation.username, role: invitation.role },
        },
        at,
      );
      return ok(await this.members(repos, caseId, principal, role));
    });
  }

  async updateMember(
    principal: Principal,
    caseId: string,
    userId: string,
    newRole: CaseRole,
    origin: RequestOrigin,
  ): Promise<ServiceResult<MembersResponse>> {
    return this.guarded(principal, caseId, CaseAction.manageMembers, origin, async (repos, role) => {
      const member = await repos.members.find(caseId, userId);
      if (!member) return fail('not_found', 'That user is not a member of this case.');
      if (member.role === newRole) return ok(await this.members(repos, caseId, principal, role));
      if (member.role === 'owner' && (await repos.members.countOwners(caseId)) <= 1)
        return fail('conflict', LAST_OWNER, MemberErrorReason.enum.last_owner);
      const at = this.now();
      await repos.members.setRole(caseId, userId, newRole, at.toISOString());
      await repos.cases.bump(caseId, at.toISOString());
      await appendAudit(
        repos,
        {
          action: AuditAction.memberRoleChanged,
          actor: actorOf(principal),
          caseId,
          subject: userId,
          ip: origin.ip,
          detail: { from: member.role, to: newRole },
        },
        at,
      );
      const yourRole = userId === principal.userId ? newRole : role;
      return ok(await this.members(repos, caseId, principal, yourRole));
    });
  }

  /** An owner chooses what deconfliction notices show other cases (notices written from now on). */
  async setNoticeDisclosure(
    principal: Principal,
    caseId: string,
    disclosure: NoticeDisclosure,
    origin: RequestOrigin,
  ): Promise<ServiceResult<MembersResponse>> {
    return this.guarded(principal, caseId, CaseAction.configure, origin, async (repos, role, row) => {
      const from = noticeDisclosureOf(row);
      if (from !== disclosure) {
        const at = this.now();
        await repos.cases.setNoticeDisclosure(caseId, disclosure, at.toISOString());
        await appendAudit(
          repos,
          {
            action: AuditAction.noticeDisclosureSet,
            actor: actorOf(principal),
            caseId,
            ip: origin.ip,
            detail: { from, to: disclosure },
          },
          at,
        );
      }
      return ok(await this.members(repos, caseId, principal, role));
    });
  }

  async removeMember(
    principal: Principal,
    caseId: string,
    userId: string,
    origin: RequestOrigin,
  ): Promise<ServiceResult<MembersResponse>> {
    let commit: SyncCommit | undefined;
    return this.guarded(principal, caseId, CaseAction.manageMembers, origin, async (repos, role) => {
      const member = await repos.members.find(caseId, userId);
      if (!member) return fail('not_found', 'That user is not a member of this case.');
      if (member.role === 'owner' && (await repos.members.countOwners(caseId)) <= 1)
        return fail('conflict', LAST_OWNER, MemberErrorReason.enum.last_owner);
      const at = this.now();
      await repos.members.delete(caseId, userId);
      commit = await syncMembership(repos, 'case_revoked', caseId, userId, at.toISOString());
      await repos.cases.bump(caseId, at.toISOString());
      await appendAudit(
        repos,
        {
          action: AuditAction.memberRemoved,
          actor: actorOf(principal),
          caseId,
          subject: userId,
          ip: origin.ip,
          detail: { role: member.role },
        },
        at,
      );
      const yourRole = userId === principal.userId ? null : role;
      return ok(await this.members(repos, caseId, principal, yourRole));
    }).then((result) => this.afterSync(result, commit));
  }

  /** Pokes sync clients once the change committed. */
  private afterSync<T>(result: ServiceResult<T>, commit: SyncCommit | undefined): ServiceResult<T> {
    if (result.ok && commit) this.synced(commit);
    return result;
  }

  private async members(
    repos: Repositories,
    caseId: string,
    principal: Principal,
    yourRole: CaseRole | null,
  ): Promise<MembersResponse> {
    const rows = await repos.members.list(caseId);
    const row = await repos.cases.findById(caseId);
    const breakGlass = await this.holdsBreakGlass(repos, principal, caseId);
    const canManage = decideCaseAccess(yourRole, breakGlass, CaseAction.manageMembers) === 'allow';
    const invitations = canManage ? await repos.invitations.listForCase(caseId) : [];
    const openings = canManage ? await repos.breakGlass.listForCase(caseId, BREAK_GLASS_SHOWN) : [];
    const members: MemberView[] = rows.map((m) => ({
      userId: m.user_id,
      username: m.username,
      displayName: m.display_name,
      organization: m.organization,
      contact: m.contact,
      role: m.role,
      addedAt: m.added_at,
    }));
    return {
      caseId,
      noticeDisclosure: row ? noticeDisclosureOf(row) : 'unit',
      yourRole,
      canManage,
      members,
      invitations: invitations.map((i) => ({
        id: i.id,
        username: i.username,
        role: i.role,
        invitedAt: i.invited_at,
      })),
      breakGlass: openings.map((g) => ({
        username: g.username,
        displayName: g.display_name,
        reason: g.reason,
        openedAt: g.opened_at,
        expiresAt: g.expires_at,
      })),
    };
  }

  /** An administrator with a live break-glass grant on the case (checked in the caller's transaction). */
  private async holdsBreakGlass(repos: Repositories, principal: Principal, caseId: string): Promise<boolean> {
    return (
      principal.isAdmin && (await repos.breakGlass.isLive(caseId, principal.userId, this.now().toISOString()))
    );
  }

  /**
   * Runs `work` in one transaction after checking the caller's role on the case in that same
   * transaction. A refusal rolls nothing back (nothing was written) and is audited on its own.
   */
  private async guarded<T>(
    principal: Principal,
    caseId: string,
    /** Allowed when any of these is (listing members: reading the case, or managing its members). */
    actions: CaseAction | readonly CaseAction[],
    origin: RequestOrigin,
    work: (repos: Repositories, role: CaseRole | null, row: CaseRow) => Promise<ServiceResult<T>>,
  ): Promise<ServiceResult<T>> {
    const wanted: readonly CaseAction[] = typeof actions === 'string' ? [actions] : actions;
    const action = wanted[0] ?? CaseAction.read;
    const result = await this.uow.transaction(async (repos): Promise<ServiceResult<T> | Denial> => {
      const row = await repos.cases.findById(caseId);
      const live = row !== undefined && row.deleted_at === null;
      const member = live ? await repos.members.find(caseId, principal.userId) : undefined;
      const role = member?.role ?? null;
      const breakGlass = live && role === null && (await this.holdsBreakGlass(repos, principal, caseId));
      const decisions = wanted.map((a) => decideCaseAccess(role, breakGlass, a));
      const decision = !live
        ? 'not-found'
        : decisions.includes('allow')
          ? 'allow'
          : decisions.includes('forbidden')
            ? 'forbidden'
            : 'not-found';
      if (decision === 'not-found' || !row) return { ...fail('not_found', NOT_FOUND), denied: action };
      if (decision === 'forbidden')
        return {
          ...fail(
            'forbidden',
            action === CaseAction.manageMembers ? MANAGE_ONLY : 'Your role on this case does not allow this.',
          ),
          denied: action,
        };
      return work(repos, role, row);
    });
    if (!result.ok && 'denied' in result) {
      await this.auditDenied(principal, caseId, result.denied, result.error, origin);
      return fail(result.error, result.message);
    }
    return result;
  }

  private async auditDenied(
    principal: Principal,
    caseId: string,
    attempted: string,
    answer: string,
    origin: RequestOrigin,
  ): Promise<void> {
    const at = this.now();
    await this.uow.transaction((repos) =>
      appendAudit(
        repos,
        {
          action: AuditAction.accessDenied,
          actor: actorOf(principal),
          caseId,
          ip: origin.ip,
          detail: { attempted, answer },
        },
        at,
      ),
    );
  }
}

/** A case's stored disclosure; anything unknown reads as the narrowest. */
export function noticeDisclosureOf(row: Pick<CaseRow, 'notice_disclosure'>): NoticeDisclosure {
  const parsed = NoticeDisclosure.safeParse(row.notice_disclosure);
  return parsed.success ? parsed.data : 'unit';
}
