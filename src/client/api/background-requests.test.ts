// Which requests tell the server they are not the analyst's own action (so they never keep an idle
// session alive): the sync pull and bootstrap do; a push (the analyst's edits) and ordinary calls do not.
import { afterEach, describe, expect, it, vi } from 'vitest';

import { BACKGROUND_HEADER } from '../../contract/account.contract';
import { SYNC_PROTOCOL_VERSION } from '../../contract/sync.contract';
import { endpoints } from '../../contract/endpoints.contract';
import { httpTransport } from '../sync/http-transport';
import { callApi } from './api-client';

function recordFetch(answer: unknown) {
  const seen: { url: string; headers: Record<string, string> }[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    seen.push({ url, headers: { ...(init.headers as Record<string, string>) } });
    return Promise.resolve(
      new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } }),
    );
  });
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('background requests', () => {
  it('the sync pull and bootstrap are marked as background, the push is not', async () => {
    const transport = httpTransport();
    const base = { protocol: SYNC_PROTOCOL_VERSION, clientId: 'c1' } as const;

    const pulls = recordFetch({ changes: [], nextCursor: 0, hasMore: false });
    await transport.pull({ ...base, cursor: 0 });
    expect(pulls[0]?.headers[BACKGROUND_HEADER]).toBe('1');

    const boots = recordFetch({ entities: [], caseIds: [], cursor: 0, nextAfter: null });
    await transport.bootstrap(base);
    expect(boots[0]?.headers[BACKGROUND_HEADER]).toBe('1');

    const pushes = recordFetch({ lastSeq: 0, latestSeq: 0 });
    await transport.push({ ...base, mutations: [] });
    expect(pushes[0]?.url).toBe('/api/sync/push');
    expect(pushes[0]?.headers).not.toHaveProperty(BACKGROUND_HEADER);
  });

  it('an ordinary call counts as the analyst’s action', async () => {
    const seen = recordFetch({ cases: [] });
    await callApi(endpoints.listCases, {});
    expect(seen[0]?.headers).not.toHaveProperty(BACKGROUND_HEADER);
  });
});
