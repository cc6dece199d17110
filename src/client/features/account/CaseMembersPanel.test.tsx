import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';

import type { MembersResponse } from '../../../contract/cases.contract';
import { accountQueries, type AccountState } from '../../api/account.queries';
import { teamCaseQueries } from '../../api/team-cases.queries';
import { CaseMembersPanel } from './CaseMembersPanel';

// Node 20 has no navigator; the language store reads it once to pick the default language.
vi.hoisted(() => {
  if (!('navigator' in globalThis))
    Object.defineProperty(globalThis, 'navigator', { value: { language: 'en-GB' }, configurable: true });
});

const CASE_ID = '01JDQ7ZK3M8V4N2X9R5T6W7Y8Z';
const me: AccountState = {
  status: 'signed-in',
  me: {
    user: {
      id: 'U1',
      username: 'olga',
      displayName: 'Olga K',
      organization: 'Unit O',
      contact: '',
      isAdmin: false,
    },
    session: { expiresAt: '2026-12-01T00:00:00.000Z', idleTimeoutMinutes: 480 },
  },
};
const members = (yourRole: 'owner' | 'viewer'): MembersResponse => ({
  caseId: CASE_ID,
  noticeDisclosure: 'unit',
  yourRole,
  canManage: yourRole === 'owner',
  members: [
    {
      userId: 'U1',
      username: 'olga',
      displayName: 'Olga K',
      organization: 'Unit O',
      contact: 'o@o.example',
      role: yourRole,
      addedAt: '',
    },
    {
      userId: 'U2',
      username: 'anton',
      displayName: 'anton',
      organization: 'Unit A',
      contact: '',
      role: 'analyst',
      addedAt: '',
    },
  ],
  invitations:
    yourRole === 'owner'
      ? [{ id: 'I1', username: 'Someone-Or-Nobody', role: 'viewer', invitedAt: '2026-11-30T10:00:00.000Z' }]
      : [],
  breakGlass:
    yourRole === 'owner'
      ? [
          {
            username: 'root',
            displayName: 'Root Admin',
            reason: 'Owner left the unit',
            openedAt: '2026-11-30T09:00:00.000Z',
            expiresAt: '2026-11-30T10:00:00.000Z',
          },
        ]
      : [],
});

// Server rendering with the query cache filled as the API would fill it: the real component tree,
// no network.
function render(account: AccountState, list?: MembersResponse | null): string {
  const client = new QueryClient();
  client.setQueryData(accountQueries.me().queryKey, account);
  if (list !== undefined) client.setQueryData(teamCaseQueries.members(CASE_ID).queryKey, list);
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <CaseMembersPanel caseId={CASE_ID} caseName="Op Kite" />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('CaseMembersPanel', () => {
  it('asks a signed-out analyst to sign in, coming back to the case', () => {
    const html = render({ status: 'signed-out' });
    expect(html).toContain('Sign in to share this case with your team');
    expect(html).toContain(`href="/sign-in?next=%2Fcases%2F${CASE_ID}"`);
  });

  it('says the case stays local when there is no server', () => {
    expect(render({ status: 'no-server' })).toContain('There is no team server here');
  });

  it('says a case the server does not know is local, and leaves sharing to the team sync panel', () => {
    const html = render(me, null);
    expect(html).toContain('This case is only in this browser.');
    expect(html).not.toContain('<button');
  });

  it('lets an owner manage members: role menus, remove buttons, pending invitations, the invite form', () => {
    const html = render(me, members('owner'));
    expect(html).toContain('Olga K (you)');
    expect(html).toContain('aria-label="Role of anton"');
    expect(html).toContain('aria-label="Remove anton"');
    expect(html).toContain('aria-label="Pending invitations"');
    expect(html).toContain('<bdi>Someone-Or-Nobody</bdi>');
    expect(html).toContain('aria-label="Withdraw the invitation of Someone-Or-Nobody"');
    expect(html).toContain('Invite a member');
    expect(html).toContain('Opened by break-glass');
    expect(html).toMatch(
      /Administrator Root Admin opened this case by break-glass on .+: Owner left the unit/,
    );
  });

  it('shows a viewer the members and roles only', () => {
    const html = render(me, members('viewer'));
    expect(html).toContain('Unit A');
    expect(html).toContain('Analyst');
    expect(html).not.toContain('<select');
    expect(html).not.toContain('Invite a member');
    expect(html).not.toContain('Pending invitations');
    expect(html).not.toContain('break-glass');
  });
});
