import type { z } from 'zod';

import {
  ChangePasswordRequest,
  EmptyRequest,
  LoginRequest,
  MeResponse,
  OkResponse,
  RevokeAllResponse,
} from './account.contract';
import {
  AddMemberRequest,
  BreakGlassRequest,
  CaseListResponse,
  CaseParams,
  CaseInvitationParams,
  CaseView,
  CreateCaseRequest,
  InvitationParams,
  MyInvitationsResponse,
  MemberParams,
  MembersResponse,
  UpdateMemberRequest,
  SetNoticeDisclosureRequest,
} from './cases.contract';
import { CaseExportReport } from './case-exports.contract';
import { HealthResponse } from './health.contract';
import {
  BootstrapRequest,
  BootstrapResponse,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from './sync.contract';

/**
 * The HTTP API in one table. The server registers, validates and documents (OpenAPI) each route from
 * its entry; the client derives request and response types from the same entry. A route without a
 * `body` schema is a GET; every other method takes a JSON body (see api-error.contract CSRF_HEADER).
 */
export interface Endpoint {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly summary: string;
  /** Needs a signed-in session. */
  readonly auth: boolean;
  readonly params?: z.ZodType;
  readonly body?: z.ZodType;
  readonly status: 200 | 201;
  readonly response: z.ZodType;
  /** Error statuses this route can answer with (documentation). */
  readonly errors: readonly number[];
}

const define = <const E extends Endpoint>(e: E): E => e;

export const endpoints = {
  health: define({
    method: 'GET',
    path: '/api/health',
    summary: 'Liveness, version and storage kind',
    auth: false,
    status: 200,
    response: HealthResponse,
    errors: [],
  }),
  login: define({
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Sign in; sets the session cookie',
    auth: false,
    body: LoginRequest,
    status: 200,
    response: MeResponse,
    errors: [400, 401, 403, 429],
  }),
  logout: define({
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'End this session and clear the cookie',
    auth: false,
    body: EmptyRequest,
    status: 200,
    response: OkResponse,
    errors: [403],
  }),
  me: define({
    method: 'GET',
    path: '/api/auth/me',
    summary: 'The signed-in user and session',
    auth: true,
    status: 200,
    response: MeResponse,
    errors: [401],
  }),
  revokeAllSessions: define({
    method: 'POST',
    path: '/api/auth/sessions/revoke-all',
    summary: 'End every session of the signed-in user (this one included)',
    auth: true,
    body: EmptyRequest,
    status: 200,
    response: RevokeAllResponse,
    errors: [401, 403],
  }),
  changePassword: define({
    method: 'POST',
    path: '/api/auth/password',
    summary:
      'Change the signed-in user’s password (current password required); ends every session of the user and signs this browser in again',
    auth: true,
    body: ChangePasswordRequest,
    status: 200,
    response: MeResponse,
    errors: [400, 401, 403, 429],
  }),
  listCases: define({
    method: 'GET',
    path: '/api/cases',
    summary: 'The cases the signed-in user is a member of',
    auth: true,
    status: 200,
    response: CaseListResponse,
    errors: [401],
  }),
  createCase: define({
    method: 'POST',
    path: '/api/cases',
    summary: 'Create a team case (optionally keeping a local case id); the creator becomes owner',
    auth: true,
    body: CreateCaseRequest,
    status: 201,
    response: CaseView,
    errors: [400, 401, 403, 409],
  }),
  getCase: define({
    method: 'GET',
    path: '/api/cases/:caseId',
    summary: 'One case the signed-in user is a member of',
    auth: true,
    params: CaseParams,
    status: 200,
    response: CaseView,
    errors: [401, 404],
  }),
  listMembers: define({
    method: 'GET',
    path: '/api/cases/:caseId/members',
    summary: 'Members of a case and their roles',
    auth: true,
    params: CaseParams,
    status: 200,
    response: MembersResponse,
    errors: [401, 404],
  }),
  addMember: define({
    method: 'POST',
    path: '/api/cases/:caseId/members',
    summary:
      'Invite a username to a case (owners and administrators): the same answer whether or not the username exists; the invitee becomes a member on accepting',
    auth: true,
    params: CaseParams,
    body: AddMemberRequest,
    status: 201,
    response: MembersResponse,
    errors: [400, 401, 403, 404, 409],
  }),
  breakGlass: define({
    method: 'POST',
    path: '/api/cases/:caseId/break-glass',
    summary:
      'An administrator who is not a member opens the case to manage its members for BREAK_GLASS_MINUTES, giving a reason (audited as case.break_glass, shown to the owners)',
    auth: true,
    params: CaseParams,
    body: BreakGlassRequest,
    status: 201,
    response: MembersResponse,
    errors: [400, 401, 403, 404],
  }),
  withdrawInvitation: define({
    method: 'DELETE',
    path: '/api/cases/:caseId/invitations/:invitationId',
    summary: 'Withdraw a pending invitation (owners and administrators)',
    auth: true,
    params: CaseInvitationParams,
    body: EmptyRequest,
    status: 200,
    response: MembersResponse,
    errors: [401, 403, 404],
  }),
  listMyInvitations: define({
    method: 'GET',
    path: '/api/invitations',
    summary: 'The signed-in user’s pending invitations to cases',
    auth: true,
    status: 200,
    response: MyInvitationsResponse,
    errors: [401],
  }),
  acceptInvitation: define({
    method: 'POST',
    path: '/api/invitations/:invitationId/accept',
    summary: 'Accept an invitation: the signed-in user becomes a member of the case',
    auth: true,
    params: InvitationParams,
    body: EmptyRequest,
    status: 200,
    response: CaseView,
    errors: [401, 403, 404],
  }),
  declineInvitation: define({
    method: 'POST',
    path: '/api/invitations/:invitationId/decline',
    summary: 'Decline an invitation: it is gone and grants nothing',
    auth: true,
    params: InvitationParams,
    body: EmptyRequest,
    status: 200,
    response: OkResponse,
    errors: [401, 403, 404],
  }),
  updateMember: define({
    method: 'PATCH',
    path: '/api/cases/:caseId/members/:userId',
    summary: "Change a member's role (owners and administrators)",
    auth: true,
    params: MemberParams,
    body: UpdateMemberRequest,
    status: 200,
    response: MembersResponse,
    errors: [400, 401, 403, 404, 409],
  }),
  setNoticeDisclosure: define({
    method: 'PATCH',
    path: '/api/cases/:caseId/notice-disclosure',
    summary: 'Choose what deconfliction notices show other cases about this one (owners)',
    auth: true,
    params: CaseParams,
    body: SetNoticeDisclosureRequest,
    status: 200,
    response: MembersResponse,
    errors: [400, 401, 403, 404],
  }),
  removeMember: define({
    method: 'DELETE',
    path: '/api/cases/:caseId/members/:userId',
    summary: 'Remove a member from a case (owners and administrators)',
    auth: true,
    params: MemberParams,
    body: EmptyRequest,
    status: 200,
    response: MembersResponse,
    errors: [401, 403, 404, 409],
  }),
  reportCaseExport: define({
    method: 'POST',
    path: '/api/cases/:caseId/exports',
    summary: 'Record in the audit trail that this browser exported the case (VICS, CSV, trace, report)',
    auth: true,
    params: CaseParams,
    body: CaseExportReport,
    status: 200,
    response: OkResponse,
    errors: [400, 401, 404, 429],
  }),
  syncPush: define({
    method: 'POST',
    path: '/api/sync/push',
    summary: 'Send outbox mutations (per-client seq, mutation ids; see sync.contract)',
    auth: true,
    body: PushRequest,
    status: 200,
    response: PushResponse,
    errors: [400, 401, 403, 413, 429],
  }),
  syncPull: define({
    method: 'POST',
    path: '/api/sync/pull',
    summary: 'Changes after a cursor, of the cases the caller belongs to',
    auth: true,
    body: PullRequest,
    status: 200,
    response: PullResponse,
    errors: [400, 401, 403, 410],
  }),
  syncBootstrap: define({
    method: 'POST',
    path: '/api/sync/bootstrap',
    summary: 'Current state of one case or all of the caller’s cases, paged, with the cursor to pull from',
    auth: true,
    body: BootstrapRequest,
    status: 200,
    response: BootstrapResponse,
    errors: [400, 401, 403, 404],
  }),
} as const;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;

type Out<S> = S extends z.ZodType ? z.output<S> : never;
type In<S> = S extends z.ZodType ? z.input<S> : never;

/** What a caller passes: params and body only where the endpoint has them. */
export type EndpointInput<E extends Endpoint> = (E['params'] extends z.ZodType
  ? { params: In<E['params']> }
  : { params?: undefined }) &
  (E['body'] extends z.ZodType ? { body: In<E['body']> } : { body?: undefined });

export type EndpointResponse<E extends Endpoint> = Out<E['response']>;

/** Fills `:name` segments of a path; values are URI-encoded. */
export function buildPath(path: string, params: Readonly<Record<string, string>> | undefined): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}
