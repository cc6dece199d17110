import { z } from 'zod';

import { CASE_NAME_MAX_LENGTH } from '../domain/case/case';
import { isUlid } from '../domain/case/ids';
import { Username } from './account.contract';

/**
 * Roles per case; each case is a tenant. owner: everything, including members; analyst: reads and
 * works on the case; viewer: reads only.
 */
export const CaseRole = z.enum(['owner', 'analyst', 'viewer']);
export type CaseRole = z.infer<typeof CaseRole>;

export const CaseIdParam = z.string().refine(isUlid, 'a case id is a ULID (26 characters, Crockford base32)');

export const CaseParams = z.object({ caseId: CaseIdParam });
export type CaseParams = z.infer<typeof CaseParams>;

export const MemberParams = z.object({ caseId: CaseIdParam, userId: z.string().min(1).max(64) });
export type MemberParams = z.infer<typeof MemberParams>;

/** A local case keeps its client-made ULID when it becomes a team case, so `id` is optional. */
export const CreateCaseRequest = z.object({
  id: CaseIdParam.optional(),
  // Normalized (trimmed, spaces collapsed) and checked against CASE_NAME_MAX_LENGTH by the server.
  name: z.string().max(CASE_NAME_MAX_LENGTH * 4),
});
export type CreateCaseRequest = z.infer<typeof CreateCaseRequest>;

export const CaseView = z.object({
  id: z.string(),
  name: z.string(),
  /** The caller's role on this case. */
  role: CaseRole,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseView = z.infer<typeof CaseView>;

export const CaseListResponse = z.object({ cases: z.array(CaseView) });
export type CaseListResponse = z.infer<typeof CaseListResponse>;

export const MemberView = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  organization: z.string(),
  contact: z.string(),
  role: CaseRole,
  addedAt: z.string(),
});
export type MemberView = z.infer<typeof MemberView>;

/**
 * What a deconfliction notice shows other cases about this one, chosen by its owners: by default the
 * owner's unit and contact only (`unit`); with `unit-and-case`, the case's name too.
 */
export const NoticeDisclosure = z.enum(['unit', 'unit-and-case']);
export type NoticeDisclosure = z.infer<typeof NoticeDisclosure>;

export const SetNoticeDisclosureRequest = z.object({ disclosure: NoticeDisclosure });
export type SetNoticeDisclosureRequest = z.infer<typeof SetNoticeDisclosureRequest>;

/**
 * A pending invitation as the case's managers see it: the username exactly as it was typed and nothing
 * else (no display name, unit or contact), so that an invitation to a username nobody has looks the same
 * as one to a colleague. Only a real account can accept one; the others stay pending until withdrawn.
 */
export const PendingInvitationView = z.object({
  id: z.string(),
  username: z.string(),
  role: CaseRole,
  invitedAt: z.string(),
});
export type PendingInvitationView = z.infer<typeof PendingInvitationView>;

/** How long a break-glass grant lasts: long enough to repair a case's membership, then it lapses. */
export const BREAK_GLASS_MINUTES = 60;
export const BREAK_GLASS_REASON_MAX_LENGTH = 500;

/**
 * An administrator who is not a member opens a case by break-glass, giving a reason: for
 * BREAK_GLASS_MINUTES they may manage its members (never read its records). The reason is trimmed and
 * must not be empty.
 */
export const BreakGlassRequest = z.object({
  reason: z.string().trim().min(1, 'give a reason').max(BREAK_GLASS_REASON_MAX_LENGTH),
});
export type BreakGlassRequest = z.infer<typeof BreakGlassRequest>;

/** A break-glass opening of a case, as its owners (and the administrator) see it. */
export const BreakGlassView = z.object({
  username: z.string(),
  displayName: z.string(),
  reason: z.string(),
  openedAt: z.string(),
  expiresAt: z.string(),
});
export type BreakGlassView = z.infer<typeof BreakGlassView>;

export const MembersResponse = z.object({
  caseId: z.string(),
  noticeDisclosure: NoticeDisclosure,
  /** null when an administrator who is not a member looks at the list. */
  yourRole: CaseRole.nullable(),
  canManage: z.boolean(),
  /** Accepted members only: they alone read the case and are named in deconfliction notices. */
  members: z.array(MemberView),
  /** Pending invitations: listed to those who may manage members, empty for everyone else. */
  invitations: z.array(PendingInvitationView),
  /** Break-glass openings of the case, newest first (the latest 20): shown to its managers. */
  breakGlass: z.array(BreakGlassView),
});
export type MembersResponse = z.infer<typeof MembersResponse>;

/** Why a membership change was refused with 409 (ApiErrorBody.reason), for the UI to word. */
export const MemberErrorReason = z.enum(['last_owner', 'already_member', 'too_many_invitations']);
export type MemberErrorReason = z.infer<typeof MemberErrorReason>;

/** Invites a username (see addMember in endpoints.contract: the answer is the same whether it exists). */
export const AddMemberRequest = z.object({ username: Username, role: CaseRole });
export type AddMemberRequest = z.infer<typeof AddMemberRequest>;

export const UpdateMemberRequest = z.object({ role: CaseRole });
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequest>;

/** An invitation as its invitee sees it: enough to decide (the case's name, who invited, the role). */
export const MyInvitationView = z.object({
  id: z.string(),
  caseId: z.string(),
  caseName: z.string(),
  role: CaseRole,
  invitedBy: z.string(),
  invitedAt: z.string(),
});
export type MyInvitationView = z.infer<typeof MyInvitationView>;

export const MyInvitationsResponse = z.object({ invitations: z.array(MyInvitationView) });
export type MyInvitationsResponse = z.infer<typeof MyInvitationsResponse>;

/** Invitation ids are server-made ULIDs. */
const InvitationIdParam = z.string().refine(isUlid, 'an invitation id is a ULID');
export const InvitationParams = z.object({ invitationId: InvitationIdParam });
export type InvitationParams = z.infer<typeof InvitationParams>;

export const CaseInvitationParams = z.object({ caseId: CaseIdParam, invitationId: InvitationIdParam });
export type CaseInvitationParams = z.infer<typeof CaseInvitationParams>;

/** The most invitations a case keeps pending: typing usernames at it cannot grow a table without end. */
export const MAX_PENDING_INVITATIONS = 100;
