/**
 * An in-memory server speaking sync protocol v1, for the client engine's tests (the real server is
 * src/server). It follows the agreed design closely enough to test the client against: per-client
 * last_seq with skip and gap, authorization by membership, decideWrite from the shared domain rules,
 * outcomes addressed to one client, membership grants/revocations, bootstrap pages, and compaction (410).
 */
import type {
  BootstrapRequest,
  BootstrapResponse,
  Change,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from '../../../contract/sync.contract';
import { decideWrite, type EntityState } from '../../../domain/sync/decide-write';
import { SYNCED_RECORDS, type SyncedEntity } from '../../../contract/records/synced-records';
import { RejectionReason } from '../../../domain/sync/rejection-reason';
import { CursorExpiredError, type SyncTransport } from '../transport';

interface StoredEntity extends EntityState {
  readonly caseId: string;
  readonly entity: SyncedEntity;
  readonly id: string;
  readonly seq: number;
}

type Row = Change & { onlyClient?: string; onlyUser?: string };

export class FakeSyncServer {
  counter = 0;
  minCursor = 0;
  readonly entities = new Map<string, StoredEntity>();
  readonly changes: Row[] = [];
  readonly members = new Map<string, Set<string>>();
  readonly clients = new Map<string, { user: string; lastSeq: number }>();
  readonly mutationIds = new Set<string>();
  /** Requests seen, for assertions about batching. */
  readonly pushes: PushRequest[] = [];

  /** As POST /api/cases does: the case entity (server timestamps) and a grant to its creator. */
  createCase(caseId: string, owner: string, name = 'Case'): void {
    this.members.set(caseId, new Set([owner]));
    const at = '2030-01-01T00:00:00.000Z';
    this.serverPut(caseId, 'cases', caseId, { id: caseId, name, createdAt: at, updatedAt: at });
    this.grant(caseId, owner);
  }

  grant(caseId: string, user: string): void {
    this.members.get(caseId)?.add(user);
    this.append({ caseId, kind: 'case_granted', onlyUser: user });
  }

  revoke(caseId: string, user: string): void {
    this.members.get(caseId)?.delete(user);
    this.append({ caseId, kind: 'case_revoked', onlyUser: user });
  }

  /** Drops the change log: any client with an older cursor gets 410. */
  compact(): void {
    this.minCursor = this.counter;
    this.changes.length = 0;
  }

  /** A write by another party straight into the server state (as if pushed by a client not under test). */
  serverPut(caseId: string, entity: SyncedEntity, id: string, fields: Record<string, unknown>): void {
    const current = this.entities.get(`${entity}:${id}`);
    const outcome = decideWrite(
      SYNCED_RECORDS[entity].rules,
      current,
      { op: 'put', fields },
      { byServer: true },
    );
    if (outcome.kind === 'applied') this.store(caseId, entity, id, outcome.next);
  }

  serverDelete(entity: SyncedEntity, id: string): void {
    const current = this.entities.get(`${entity}:${id}`);
    if (!current) return;
    this.store(current.caseId, entity, id, { ...current, deleted: true });
  }

  transport(user: string): SyncTransport {
    return {
      push: (req) => Promise.resolve(this.push(user, structuredClone(req))),
      pull: (req) => Promise.resolve(structuredClone(this.pull(user, req))),
      bootstrap: (req) => Promise.resolve(structuredClone(this.bootstrap(user, req))),
    };
  }

  private isMember(user: string, caseId: string): boolean {
    return this.members.get(caseId)?.has(user) ?? false;
  }

  private append(change: Omit<Row, 'seq'>): number {
    const seq = ++this.counter;
    this.changes.push({ ...change, seq });
    return seq;
  }

  private store(caseId: string, entity: SyncedEntity, id: string, next: EntityState): void {
    const seq = this.append(
      next.deleted
        ? { caseId, kind: 'delete', entity, id }
        : { caseId, kind: 'put', entity, id, data: next.data, fieldVersions: next.fieldVersions },
    );
    this.entities.set(`${entity}:${id}`, { ...next, caseId, entity, id, seq });
  }

  push(user: string, req: PushRequest): PushResponse {
    this.pushes.push(req);
    const client = this.clients.get(req.clientId) ?? { user, lastSeq: 0 };
    if (client.user !== user) throw new Error('403 another user’s client');
    this.clients.set(req.clientId, client);
    for (const m of [...req.mutations].sort((a, b) => a.seq - b.seq)) {
      if (m.seq <= client.lastSeq) continue;
      if (m.seq > client.lastSeq + 1) break;
      client.lastSeq = m.seq;
      if (this.mutationIds.has(m.mutationId)) continue;
      this.mutationIds.add(m.mutationId);
      const key = `${m.entity}:${m.id}`;
      const current = this.entities.get(key);
      const reject = (reason: RejectionReason, field?: string): void => {
        this.append({
          caseId: m.caseId,
          kind: 'mutation_rejected',
          entity: m.entity,
          id: m.id,
          mutationId: m.mutationId,
          reason,
          ...(field ? { field } : {}),
          ...(current && !current.deleted
            ? { data: current.data, fieldVersions: current.fieldVersions }
            : {}),
          onlyClient: req.clientId,
        });
      };
      if (!this.isMember(user, m.caseId) || (current && current.caseId !== m.caseId)) {
        reject(RejectionReason.notMember);
        continue;
      }
      const liveMembers =
        m.entity === 'series'
          ? [...this.entities.values()].filter(
              (e) => e.entity === 'media' && !e.deleted && e.data.seriesId === m.id,
            ).length
          : 0;
      const outcome = decideWrite(
        SYNCED_RECORDS[m.entity].rules,
        current,
        {
          op: m.op,
          ...(m.fields ? { fields: m.fields } : {}),
          ...(m.previous ? { previous: m.previous } : {}),
          ...(m.baseVersions ? { baseVersions: m.baseVersions } : {}),
        },
        { liveMembers },
      );
      if (outcome.kind === 'rejected') {
        reject(outcome.reason, outcome.field);
        continue;
      }
      if (outcome.kind === 'applied') this.store(m.caseId, m.entity, m.id, outcome.next);
      if (outcome.superseded.length > 0) reject(RejectionReason.superseded);
      if (outcome.conflicts.length > 0)
        this.append({
          caseId: m.caseId,
          kind: 'conflict',
          entity: m.entity,
          id: m.id,
          mutationId: m.mutationId,
          conflicts: outcome.conflicts.map((c) => ({ ...c })),
          onlyClient: req.clientId,
        });
    }
    return { lastSeq: client.lastSeq, latestSeq: this.counter };
  }

  pull(user: string, req: PullRequest): PullResponse {
    if (req.cursor < this.minCursor) throw new CursorExpiredError();
    const limit = req.limit ?? 1000;
    const visible = this.changes.filter(
      (c) =>
        c.seq > req.cursor &&
        (c.onlyClient
          ? c.onlyClient === req.clientId
          : c.onlyUser
            ? c.onlyUser === user
            : this.isMember(user, c.caseId)),
    );
    const page = visible.slice(0, limit);
    const hasMore = visible.length > limit;
    const changes = page.map(({ onlyClient: _c, onlyUser: _u, ...c }) => c);
    return { changes, nextCursor: hasMore ? (page.at(-1)?.seq ?? req.cursor) : this.counter, hasMore };
  }

  bootstrap(user: string, req: BootstrapRequest): BootstrapResponse {
    const caseIds = req.caseId
      ? this.isMember(user, req.caseId)
        ? [req.caseId]
        : []
      : [...this.members].filter(([, m]) => m.has(user)).map(([c]) => c);
    if (req.caseId && caseIds.length === 0) throw new Error('404');
    const all = [...this.entities.values()]
      .filter((e) => !e.deleted && caseIds.includes(e.caseId))
      .sort((a, b) => `${a.caseId}:${a.entity}:${a.id}`.localeCompare(`${b.caseId}:${b.entity}:${b.id}`));
    const from = Number(req.after ?? 0);
    const limit = req.limit ?? 1000;
    const slice = all.slice(from, from + limit);
    return {
      entities: slice.map((e) => ({
        caseId: e.caseId,
        entity: e.entity,
        id: e.id,
        data: e.data,
        fieldVersions: e.fieldVersions,
        seq: e.seq,
      })),
      caseIds,
      cursor: this.counter,
      nextAfter: from + limit < all.length ? String(from + limit) : null,
    };
  }
}
