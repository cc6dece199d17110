import type { Repositories } from '../repositories/unit-of-work';
import { entryHash } from './audit-chain';
import { canonicalJson, type JsonValue } from './canonical-json';

/** What the trail records. Every change, sign-in (good or bad), denial and export has one. */
export const AuditAction = {
  userCreated: 'user.created',
  userPasswordSet: 'user.password_set',
  /** A password change from the account menu refused: the current password given was wrong. */
  userPasswordChangeFailed: 'user.password_change_failed',
  userDisabled: 'user.disabled',
  userEnabled: 'user.enabled',
  login: 'auth.login',
  loginFailed: 'auth.login_failed',
  loginThrottled: 'auth.login_throttled',
  logout: 'auth.logout',
  sessionsRevoked: 'auth.sessions_revoked',
  caseCreated: 'case.created',
  /** A member added at once (before invitations, 0010): still read in older trails, no longer written. */
  memberAdded: 'member.added',
  /**
   * An owner or administrator invited a username (detail: username as typed, role, accountFound); the
   * subject is the account invited, or null when the username had none.
   */
  memberInvited: 'member.invited',
  /** The invitee accepted and became a member (actor: the invitee; detail: role, invitedBy). */
  memberAccepted: 'member.accepted',
  /** The invitee declined; nothing was granted. */
  memberDeclined: 'member.declined',
  /** An owner or administrator withdrew a pending invitation (detail: username, role). */
  invitationWithdrawn: 'member.invitation_withdrawn',
  memberRoleChanged: 'member.role_changed',
  memberRemoved: 'member.removed',
  /**
   * An administrator who is not a member opened the case by break-glass (detail: reason, expiresAt):
   * for a while they may manage its members. Shown to the case's owners in the members panel.
   */
  caseBreakGlass: 'case.break_glass',
  /** An owner chose what deconfliction notices show other cases (detail: from, to). */
  noticeDisclosureSet: 'case.notice_disclosure_set',
  accessDenied: 'access.denied',
  /** One per push and case, with counts of what the push's mutations did there. */
  syncPush: 'sync.push',
  /** Old sync change rows deleted (the min cursor raised). */
  syncCompacted: 'sync.compacted',
  /** A member's session downloaded a case (bootstrap, or the first pull of it): once per session and case. */
  caseRead: 'case.read',
  /** Deconfliction wrote a new notice into a case (detail: the other case, series, direction). */
  noticeCreated: 'notice.created',
  exported: 'export',
  /** A browser exported a team case (VICS, CSV, a trace crop or sheet, a printed report): it says so. */
  caseExported: 'case.exported',
  /** `waymark audit checkpoint` signed the trail up to an entry (detail: keyId, entries, headHash). */
  auditCheckpoint: 'audit.checkpoint',
  /** `waymark audit rotate-key` replaced the checkpoint signing key (detail: from, to). */
  auditKeyRotated: 'audit.key_rotated',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export interface AuditActor {
  readonly id: string | null;
  readonly name: string;
}

export interface AuditEvent {
  readonly action: AuditAction;
  readonly actor: AuditActor | null;
  readonly caseId?: string | null;
  /** The thing acted on, when it is not the case: a user id, a username tried, a route. */
  readonly subject?: string | null;
  readonly ip?: string | null;
  readonly detail?: { readonly [key: string]: JsonValue | undefined };
}

/**
 * Appends one entry inside the caller's transaction, so the entry commits exactly when the change
 * it describes does.
 */
export async function appendAudit(repos: Repositories, event: AuditEvent, at: Date): Promise<number> {
  const { seq, hash: prevHash } = await repos.audit.claimNext();
  const fields = {
    seq,
    at: at.toISOString(),
    action: event.action,
    actor_id: event.actor?.id ?? null,
    actor_name: event.actor?.name ?? null,
    case_id: event.caseId ?? null,
    subject: event.subject ?? null,
    ip: event.ip ?? null,
    detail: canonicalJson(event.detail ?? {}),
  };
  const hash = entryHash(prevHash, fields);
  await repos.audit.insert({ ...fields, prev_hash: prevHash, entry_hash: hash });
  await repos.audit.setHeadHash(seq, hash);
  return seq;
}
