import type { CaseRole } from '../../../contract/cases.contract';
import type {
  BootstrapRequest,
  BootstrapResponse,
  Change,
  Mutation,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
  SnapshotEntity,
  SyncedEntity,
} from '../../../contract/sync.contract';
import { normalizeCaseName } from '../../../domain/case/case';
import { decideWrite, type EntityState, type WriteContext } from '../../../domain/sync/decide-write';
import type { ChangeRow } from '../../repositories/sync-changes.repository';
import type { EntityKey, StoredEntity } from '../../repositories/sync-entities.repository';
import type { Repositories, UnitOfWork } from '../../repositories/unit-of-work';
import { appendAudit, AuditAction } from '../audit-trail';
import type { DeconflictionService } from '../deconfliction/deconfliction.service';
import { compactChanges, type Compaction } from './compaction';
import { actorOf, type Principal, type RequestOrigin } from '../principal';
import { fail, ok, type ServiceResult } from '../service-result';
import { SyncWriter, type SyncCommit } from './sync-writer';

const NOT_MEMBER = 'No case with this id, or you are not a member of it.';
const VIEWER = 'Your role on this case (viewer) does not allow changes.';
const OTHER_USERS_CLIENT =
  'This sync client belongs to another user. Sign in as that user, or reset this browser’s sync data.';
const EXPIRED = 'The changes after this cursor were compacted away: download the cases again.';

export const DEFAULT_PULL_LIMIT = 1000;
export const DEFAULT_BOOTSTRAP_LIMIT = 1000;

type Outcome = 'applied' | 'unchanged' | 'conflict' | 'superseded' | 'rejected';

interface CaseCounts {
  applied: number;
  unchanged: number;
  conflicts: number;
  superseded: number;
  rejected: number;
}

interface PushContext {
  readonly repos: Repositories;
  readonly writer: SyncWriter;
  readonly principal: Principal;
  readonly clientId: string;
  readonly at: string;
  readonly roles: Map<string, CaseRole | null>;
}

interface BootstrapToken {
  /** The cursor the first page returned. */
  readonly c: number;
  /** Last key of the previous page. */
  readonly k: [string, string, string];
}

const live = (e: StoredEntity | undefined): (EntityState & { deleted: false }) | undefined =>
  e && !e.deleted ? { data: e.data, fieldVersions: e.fieldVersions, deleted: false } : undefined;

/**
 * The sync protocol's server side (contract/sync.contract.ts, notes/sync-design.md).
 *
 * Push: one transaction per request. The client row is locked first (one push per client at a time),
 * then the sync counter (see SyncWriter), so every decision reads the current state. Mutations at or
 * below the client's last seq are skipped, a gap stops the batch, a mutation id seen before is skipped;
 * each other mutation is authorized (owner or analyst of its case), decided by the shared rules
 * (decideWrite), written, and its outcome sent back through pull to that client only. A refused
 * mutation still advances the client's last seq, so one bad mutation never blocks the queue.
 */
export class SyncService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly now: () => Date,
    private readonly deconfliction: DeconflictionService,
    /** Told after each commit that added change rows (the poke). */
    private readonly committed: (commit: SyncCommit) => void,
  ) {}

  latestSeq(): Promise<number> {
    return this.uow.read.syncChanges.counter();
  }

  async push(
    principal: Principal,
    request: PushRequest,
    origin: RequestOrigin,
  ): Promise<ServiceResult<PushResponse>> {
    const owner = await this.uow.read.syncClients.find(request.clientId);
    if (owner && owner.userId !== principal.userId) return fail('forbidden', OTHER_USERS_CLIENT);
    const date = this.now();
    const at = date.toISOString();
    const mutations = [...request.mutations].sort((a, b) => a.seq - b.seq);

    const result = await this.uow.transaction(async (repos) => {
      const client = await repos.syncClients.claim(request.clientId, principal.userId, at);
      if (client.userId !== principal.userId) return null;
      let lastSeq = client.lastSeq;
      const writer = new SyncWriter(repos, at);
      const pending = mutations.filter((m) => m.seq > lastSeq);
      if (pending.length === 0) return { lastSeq, commit: await writer.finish() };

      await writer.lock();
      const seen = await repos.syncClients.seenMutations(pending.map((m) => m.mutationId));
      await writer.prefetch(pending);
      const ctx: PushContext = {
        repos,
        writer,
        principal,
        clientId: request.clientId,
        at,
        roles: new Map(),
      };
      const counts = new Map<string, CaseCounts>();
      const handled: {
        mutation_id: string;
        client_id: string;
        seq: number;
        case_id: string;
        outcome: string;
        at: string;
      }[] = [];
      for (const m of pending) {
        if (m.seq <= lastSeq) continue;
        if (m.seq > lastSeq + 1) break; // a gap: the client resends from lastSeq + 1
        lastSeq = m.seq;
        if (seen.has(m.mutationId)) continue;
        seen.add(m.mutationId);
        const outcome = await this.apply(ctx, m);
        handled.push({
          mutation_id: m.mutationId,
          client_id: request.clientId,
          seq: m.seq,
          case_id: m.caseId,
          outcome,
          at,
        });
        const c = counts.get(m.caseId) ?? {
          applied: 0,
          unchanged: 0,
          conflicts: 0,
          superseded: 0,
          rejected: 0,
        };
        if (outcome === 'conflict') c.conflicts++;
        else c[outcome]++;
        counts.set(m.caseId, c);
      }
      await repos.syncClients.setLastSeq(request.clientId, lastSeq);
      await repos.syncClients.recordMutations(handled);
      const commit = await writer.finish();
      for (const [caseId, c] of counts)
        await appendAudit(
          repos,
          {
            action: AuditAction.syncPush,
            actor: actorOf(principal),
            caseId,
            ip: origin.ip,
            detail: { clientId: request.clientId, ...c },
          },
          date,
        );
      return { lastSeq, commit };
    });
    if (!result) return fail('forbidden', OTHER_USERS_CLIENT);
    // Synchronously after the commit, before any other await (DeconflictionService's invariant).
    const notices = this.deconfliction.afterCommit(result.commit.media);
    if (result.commit.changes > 0) this.committed(result.commit);
    await notices;
    return ok({ lastSeq: result.lastSeq, latestSeq: await this.latestSeq() });
  }

  async pull(principal: Principal, request: PullRequest): Promise<ServiceResult<PullResponse>> {
    const client = await this.uow.read.syncClients.find(request.clientId);
    if (client && client.userId !== principal.userId) return fail('forbidden', OTHER_USERS_CLIENT);
    const changes = this.uow.read.syncChanges;
    if (request.cursor < (await changes.minCursor())) return fail('gone', EXPIRED);
    // The counter first: every row up to it has committed (counter lock), so the page below misses none.
    const upTo = await changes.counter();
    if (request.cursor > upTo)
      return fail(
        'gone',
        'This cursor is ahead of the server (its data was reset): download the cases again.',
      );
    const limit = request.limit ?? DEFAULT_PULL_LIMIT;
    const rows = await changes.pageFor(principal.userId, request.clientId, request.cursor, upTo, limit);
    // Compaction between the check and the read would have removed rows this page needed.
    if (request.cursor < (await changes.minCursor())) return fail('gone', EXPIRED);
    const last = rows[rows.length - 1];
    const full = rows.length === limit && last !== undefined;
    return ok({
      changes: rows.map(toChange),
      nextCursor: full ? Number(last.seq) : upTo,
      hasMore: full && Number(last.seq) < upTo,
    });
  }

  async bootstrap(
    principal: Principal,
    request: BootstrapRequest,
  ): Promise<ServiceResult<BootstrapResponse>> {
    const client = await this.uow.read.syncClients.find(request.clientId);
    if (client && client.userId !== principal.userId) return fail('forbidden', OTHER_USERS_CLIENT);
    let token: BootstrapToken | null = null;
    if (request.after !== undefined) {
      token = decodeToken(request.after);
      if (!token) return fail('bad_request', 'The page token is not valid: start the download again.');
    }
    // First page: the cursor BEFORE reading entities (a change in between is pulled again, harmlessly).
    const cursor = token ? token.c : await this.uow.read.syncChanges.counter();
    const mine = (await this.uow.read.cases.listForMember(principal.userId)).map((c) => c.id);
    let caseIds = mine;
    if (request.caseId !== undefined) {
      if (!mine.includes(request.caseId)) return fail('not_found', NOT_MEMBER);
      caseIds = [request.caseId];
    }
    const limit = request.limit ?? DEFAULT_BOOTSTRAP_LIMIT;
    const after: EntityKey | null = token ? { caseId: token.k[0], entity: token.k[1], id: token.k[2] } : null;
    const rows = await this.uow.read.syncEntities.page(caseIds, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const entities: SnapshotEntity[] = page.map((e) => ({
      caseId: e.caseId,
      entity: e.entity as SyncedEntity,
      id: e.id,
      data: e.data,
      fieldVersions: e.fieldVersions,
      seq: e.seq,
    }));
    return ok({
      entities,
      caseIds: [...caseIds].sort(),
      cursor,
      nextAfter:
        rows.length > limit && last
          ? encodeToken({ c: cursor, k: [last.caseId, last.entity, last.id] })
          : null,
    });
  }

  /**
   * Deletes change rows below `beforeSeq` and raises the min cursor to `beforeSeq - 1`: a client whose
   * cursor is older gets 410 and bootstraps again. Entity state (tombstones included) is kept.
   */
  compact(beforeSeq: number): Promise<Compaction> {
    return compactChanges(this.uow, beforeSeq, this.now());
  }

  private async apply(ctx: PushContext, m: Mutation): Promise<Outcome> {
    const { repos, writer } = ctx;
    const target = { clientId: ctx.clientId, userId: ctx.principal.userId };
    const key = { caseId: m.caseId, entity: m.entity, id: m.id };
    const reject = async (reason: string, state?: EntityState & { deleted: false }): Promise<Outcome> => {
      await writer.toClient('mutation_rejected', target, key, { mutationId: m.mutationId, reason, state });
      return 'rejected';
    };

    const role = await this.roleOf(ctx, m.caseId);
    if (!role) return reject(NOT_MEMBER);
    const { current, elsewhere } = await writer.read(key);
    if (elsewhere) return reject('This id is already used by another record.');
    if (role === 'viewer') return reject(VIEWER, live(current));
    const fields: Record<string, unknown> = { ...(m.fields ?? {}) };
    if (m.entity === 'cases') {
      if (m.id !== m.caseId) return reject('A case record must have the id of its case.');
      if (m.op === 'delete') return reject('A team case is not deleted through sync.', live(current));
      if (typeof fields.name === 'string') {
        const name = normalizeCaseName(fields.name);
        if (!name.ok) return reject('The case name is empty or too long.', live(current));
        fields.name = name.name;
      }
    } else if (fields.caseId !== undefined && fields.caseId !== m.caseId) {
      return reject('The record names another case than the mutation.', live(current));
    }
    if (fields.id !== undefined && fields.id !== m.id)
      return reject('The record’s id differs from the mutation’s.');

    let context: WriteContext = {};
    if (m.entity === 'series' && m.op === 'delete') {
      await writer.flush();
      context = { liveMembers: await repos.syncEntities.countInSeries(m.caseId, 'media', m.id) };
    }
    const outcome = decideWrite(
      m.entity,
      current,
      {
        op: m.op,
        fields,
        ...(m.previous ? { previous: m.previous } : {}),
        ...(m.baseVersions ? { baseVersions: m.baseVersions } : {}),
      },
      context,
    );
    if (outcome.kind === 'rejected') return reject(outcome.reason, live(current));

    let state = live(current);
    if (outcome.kind === 'applied') {
      await writer.write(key, outcome.next, { wasLive: state !== undefined, changed: outcome.changed });
      state = live({ ...key, ...outcome.next, seq: 0 });
      await this.sideEffects(ctx, m, outcome.next, outcome.changed);
    }
    if (outcome.conflicts.length > 0)
      await writer.toClient('conflict', target, key, {
        mutationId: m.mutationId,
        reason: 'Someone else changed this first: choose which value to keep.',
        state,
        conflicts: outcome.conflicts,
      });
    if (outcome.superseded.length > 0)
      await writer.toClient('mutation_rejected', target, key, {
        mutationId: m.mutationId,
        reason: 'Someone else moved this first; their move was kept.',
        state,
      });
    if (outcome.conflicts.length > 0) return 'conflict';
    if (outcome.superseded.length > 0) return 'superseded';
    return outcome.kind;
  }

  /** What an applied write means beyond its entity: a case rename, a series revived by a move into it. */
  private async sideEffects(ctx: PushContext, m: Mutation, next: EntityState, changed: readonly string[]) {
    if (m.entity === 'cases' && changed.includes('name') && typeof next.data.name === 'string')
      await ctx.repos.cases.rename(m.caseId, next.data.name, ctx.at);
    if (m.entity === 'media' && !next.deleted) {
      const seriesId = next.data.seriesId;
      if (typeof seriesId !== 'string' || seriesId === '') return;
      const seriesKey = { caseId: m.caseId, entity: 'series' as const, id: seriesId };
      const { current: series } = await ctx.writer.read(seriesKey);
      if (!series?.deleted) return;
      const revived = decideWrite('series', series, { op: 'put', fields: {} }, { byServer: true });
      if (revived.kind === 'applied')
        await ctx.writer.write(seriesKey, revived.next, { wasLive: false, changed: revived.changed });
    }
  }

  private async roleOf(ctx: PushContext, caseId: string): Promise<CaseRole | null> {
    if (ctx.roles.has(caseId)) return ctx.roles.get(caseId) ?? null;
    const row = await ctx.repos.cases.findById(caseId);
    const member =
      row && row.deleted_at === null ? await ctx.repos.members.find(caseId, ctx.principal.userId) : undefined;
    const role = member?.role ?? null;
    ctx.roles.set(caseId, role);
    return role;
  }
}

function toChange(row: ChangeRow): Change {
  const change: Change = { seq: Number(row.seq), caseId: row.case_id, kind: row.kind as Change['kind'] };
  if (row.entity !== null) change.entity = row.entity as SyncedEntity;
  if (row.entity_id !== null) change.id = row.entity_id;
  if (row.data !== null) change.data = JSON.parse(row.data) as Record<string, unknown>;
  if (row.field_versions !== null)
    change.fieldVersions = JSON.parse(row.field_versions) as Record<string, number>;
  if (row.mutation_id !== null) change.mutationId = row.mutation_id;
  if (row.reason !== null) change.reason = row.reason;
  if (row.conflicts !== null) change.conflicts = JSON.parse(row.conflicts) as Change['conflicts'];
  return change;
}

function encodeToken(token: BootstrapToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(raw: string): BootstrapToken | null {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { c, k } = value as { c?: unknown; k?: unknown };
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) return null;
    if (!Array.isArray(k) || k.length !== 3 || !k.every((s) => typeof s === 'string')) return null;
    return { c, k: k as [string, string, string] };
  } catch {
    return null;
  }
}
