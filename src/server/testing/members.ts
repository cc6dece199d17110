import { expect } from 'vitest';

import { MembersResponse, MyInvitationsResponse, type CaseRole } from '../../contract/cases.contract';
import type { TestApp } from './test-app';

/** Invites `username` to a case as the owner (or manager) behind `cookie`; answers the invitation's id. */
export async function inviteMember(
  t: TestApp,
  cookie: string,
  caseId: string,
  username: string,
  role: CaseRole,
): Promise<string> {
  const response = await t.call('POST', `/api/cases/${caseId}/members`, { cookie, body: { username, role } });
  expect(response.statusCode, response.body).toBe(201);
  const invitation = MembersResponse.parse(response.json()).invitations.find(
    (i) => i.username.toLowerCase() === username.toLowerCase(),
  );
  if (!invitation) throw new Error(`no pending invitation for ${username}`);
  return invitation.id;
}

/** The invitee behind `cookie` accepts their pending invitation to `caseId`. */
export async function acceptInvitation(t: TestApp, cookie: string, caseId: string): Promise<void> {
  const mine = MyInvitationsResponse.parse((await t.call('GET', '/api/invitations', { cookie })).json());
  const invitation = mine.invitations.find((i) => i.caseId === caseId);
  if (!invitation) throw new Error(`no invitation to case ${caseId} for this session`);
  const response = await t.call('POST', `/api/invitations/${invitation.id}/accept`, { cookie, body: {} });
  expect(response.statusCode, response.body).toBe(200);
}

/**
 * Makes `username` a member of a case the way the app does: the owner (or manager) behind `cookie`
 * invites, and the invitee accepts, in `inviteeCookie`'s session or in a fresh sign-in of theirs.
 */
export async function addMember(
  t: TestApp,
  cookie: string,
  caseId: string,
  username: string,
  role: CaseRole,
  inviteeCookie?: string,
): Promise<void> {
  await inviteMember(t, cookie, caseId, username, role);
  await acceptInvitation(t, inviteeCookie ?? (await t.login(username)), caseId);
}
