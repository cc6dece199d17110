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

export const MembersResponse = z.object({
  caseId: z.string(),
  noticeDisclosure: NoticeDisclosure,
  /** null when an administrator who is not a member looks at the list. */
  yourRole: CaseRole.nullable(),
  canManage: z.boolean(),
  members: z.array(MemberView),
});
export type MembersResponse = z.infer<typeof MembersResponse>;

export const AddMemberRequest = z.object({ username: Username, role: CaseRole });
export type AddMemberRequest = z.infer<typeof AddMemberRequest>;

export const UpdateMemberRequest = z.object({ role: CaseRole });
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequest>;
