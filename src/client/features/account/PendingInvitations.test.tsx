import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

import type { MyInvitationsResponse } from '../../../contract/cases.contract';
import { accountQueries, type AccountState } from '../../api/account.queries';
import { teamCaseQueries } from '../../api/team-cases.queries';
import { PendingInvitations } from './PendingInvitations';

// Node 20 has no navigator; the language store reads it once to pick the default language.
vi.hoisted(() => {
  if (!('navigator' in globalThis))
    Object.defineProperty(globalThis, 'navigator', { value: { language: 'en-GB' }, configurable: true });
});

const me: AccountState = {
  status: 'signed-in',
  me: {
    user: {
      id: 'U2',
      username: 'nadia',
      displayName: 'Nadia N',
      organization: 'Unit N',
      contact: '',
      isAdmin: false,
    },
    session: { expiresAt: '2026-12-01T00:00:00.000Z', idleTimeoutMinutes: 480 },
  },
};
const pending: MyInvitationsResponse = {
  invitations: [
    {
      id: '01JDQ7ZK3M8V4N2X9R5T6W7Y8A',
      caseId: '01JDQ7ZK3M8V4N2X9R5T6W7Y8Z',
      caseName: 'Op Kite',
      role: 'analyst',
      invitedBy: 'Olga K',
      invitedAt: '2026-11-30T10:00:00.000Z',
    },
  ],
};

// Server rendering with the query cache filled as the API would fill it: the real tree, no network.
function render(account: AccountState, list?: MyInvitationsResponse): string {
  const client = new QueryClient();
  client.setQueryData(accountQueries.me().queryKey, account);
  if (list) client.setQueryData(teamCaseQueries.invitations().queryKey, list);
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <PendingInvitations />
    </QueryClientProvider>,
  );
}

describe('PendingInvitations', () => {
  it('offers Accept and Decline for each invitation, named by its case', () => {
    const html = render(me, pending);
    expect(html).toContain('Invitations to cases');
    expect(html).toContain('Olga K invites you to “Op Kite” as Analyst');
    expect(html).toContain('aria-label="Accept the invitation to Op Kite"');
    expect(html).toContain('aria-label="Decline the invitation to Op Kite"');
  });

  it('shows nothing without invitations or signed out', () => {
    expect(render(me, { invitations: [] })).toBe('');
    expect(render({ status: 'signed-out' }, pending)).toBe('');
  });
});
