// A sync client for server tests: speaks push, pull and bootstrap through the real routes, numbering
// its outbox like the browser does (seq 1, 2, 3… per client; a ULID per mutation).
import type { LightMyRequestResponse } from 'fastify';
import { ulid } from 'ulidx';

import {
  SYNC_PROTOCOL_VERSION,
  type Change,
  type Mutation,
  type PullResponse,
  type PushRequest,
} from '../../contract/sync.contract';
import type { TestApp } from './test-app';

export type NewMutation = Omit<Mutation, 'mutationId' | 'seq'> & { mutationId?: string };

export class TestSyncClient {
  readonly clientId = ulid();
  private nextSeq = 1;
  cursor = 0;

  constructor(
    private readonly t: TestApp,
    readonly cookie: string,
  ) {}

  /** Numbers mutations as the next outbox rows (without sending them). */
  number(...mutations: NewMutation[]): Mutation[] {
    return mutations.map((m) => ({ ...m, mutationId: m.mutationId ?? ulid(), seq: this.nextSeq++ }));
  }

  /** The push request body for these (numbered) mutations. */
  body(mutations: readonly Mutation[]): PushRequest {
    return { protocol: SYNC_PROTOCOL_VERSION, clientId: this.clientId, mutations: [...mutations] };
  }

  send(mutations: readonly Mutation[]): Promise<LightMyRequestResponse> {
    return this.t.call('POST', '/api/sync/push', { cookie: this.cookie, body: this.body(mutations) });
  }

  async push(...mutations: NewMutation[]): Promise<{ lastSeq: number; latestSeq: number }> {
    const response = await this.send(this.number(...mutations));
    if (response.statusCode !== 200) throw new Error(`push: ${response.statusCode} ${response.body}`);
    return response.json();
  }

  pullPage(cursor = this.cursor, limit?: number): Promise<LightMyRequestResponse> {
    return this.t.call('POST', '/api/sync/pull', {
      cookie: this.cookie,
      body: { protocol: SYNC_PROTOCOL_VERSION, clientId: this.clientId, cursor, ...(limit ? { limit } : {}) },
    });
  }

  /** Pulls every page from the stored cursor and advances it. */
  async pull(limit?: number): Promise<Change[]> {
    const out: Change[] = [];
    for (;;) {
      const response = await this.pullPage(this.cursor, limit);
      if (response.statusCode !== 200) throw new Error(`pull: ${response.statusCode} ${response.body}`);
      const page = response.json<PullResponse>();
      out.push(...page.changes);
      this.cursor = page.nextCursor;
      if (!page.hasMore) return out;
    }
  }

  bootstrap(body: { caseId?: string; after?: string; limit?: number } = {}): Promise<LightMyRequestResponse> {
    return this.t.call('POST', '/api/sync/bootstrap', {
      cookie: this.cookie,
      body: { protocol: SYNC_PROTOCOL_VERSION, clientId: this.clientId, ...body },
    });
  }
}
