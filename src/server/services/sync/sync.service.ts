import type { CaseRole } from '../../../contract/cases.contract';
import { utf8Length, type Refusal } from '../../../contract/records/record-validation';
import { SYNCED_RECORDS } from '../../../contract/records/synced-records';
import {
  MAX_BOOTSTRAP_LIMIT,
  MAX_PULL_LIMIT,
  RejectionReasonCode,
  type BootstrapRequest,
  type BootstrapResponse,
  type Change,
  type HoldingBudget,
  type Mutation,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SnapshotEntity,
  type SyncedEntity,
} from '../../../contract/sync.contract';
import { decideWrite, type EntityState } from '../../../domain/sync/decide-write';
import { RejectionReason } from '../../../domain/sync/rejection-reason';
import type { ChangeRow } from '../../repositories/sync-changes.repository';
import { upToDate, type EntityKey, type StoredEntity } from '../../repositories/sync-entities.repository';
import type { Repositories, UnitOfWork } from '../../repositories/unit-of-work';
import { appendAudit, AuditAction } from '../audit-trail';
import { PushBudget, type BudgetLimits } from './account-budgets';
import { compactChanges, type Compaction } from './compaction';
import { authorName } from '../../../contract/records/written-by';
import { checkReferences } from './check-references';
import { decideMutation, type Decision } from './decide-mutation';
import { dropVideoLinks } from './drop-video-links';
import { actorOf, type Principal, type RequestOrigin } from '../principal';
import { fail, ok, type ServiceResult } from '../service-result';
import { TimeSlice } from '../time-slice';
import { SyncWriter, type SyncCommit } from './sync-writer';

const NOT_MEMBER = 'No case with this id, or you are not a member of it.';
const OTHER_USERS_CLIENT =
  'This sync client belongs to another user. Sign in as that user, or reset this browser’s sync data.';
const EXPIRED = 'The changes after this cursor were compacted away: download the cases again.';

export const DEFAULT_PULL_LIMIT = MAX_PULL_LIMIT;
export const DEFAULT_BOOTSTRAP_LIMIT = MAX_BOOTSTRAP_LIMIT;

type Outcome = 'applied' | 'unchanged' | 'conflict' | 'superseded' | 'rejected';
/** A mutation the account's budget cannot take now: the push stops before it (nothing is refused). */
interface Held {
  readonly held: HoldingBudget;
}

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
  /** The name the records this push authors carry (written-by.ts). */
  readonly author: string;
  readonly clientId: string;
  readonly at: string;
  readonly roles: Map<string, CaseRole | null>;
  readonly budget: PushBudget;
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
 * The sync protocol's server side (contract/sync.contract.ts, docs/SYNC.md).
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
    /**
     * Resolves once deconfliction has followed the log up to this seq (or gave up waiting): a push
     * with media or video frames answers after its notices are written when the consumer keeps up.
     */
    private readonly deconflicted: (seq: number) => Promise<unknown>,
    /** Told after each commit that added change rows (the poke). */
    private readonly committed: (commit: SyncCommit) => void,
    private readonly limits: BudgetLimits,
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
      let held: { budget: HoldingBudget; retryAfterSeconds: number | null } | undefined;
      const writer = new SyncWriter(repos, at, actorOf(principal));
      const pending = mutations.filter((m) => m.seq > lastSeq);
      if (pending.length === 0) return { lastSeq, held, commit: await writer.finish() };

      await writer.lock();
      const seen = await repos.syncClients.seenMutations(pending.map((m) => m.mutationId));
      await writer.prefetch(pending);
      const ctx: PushContext = {
        repos,
        writer,
        principal,
        author: authorName(principal),
        clientId: request.clientId,
        at,
        roles: new Map(),
        budget: await PushBudget.open(repos, principal.userId, this.limits, date.getTime()),
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
      // A large push spread over short turns: other requests are answered between its mutations.
      const slice = new TimeSlice();
      for (const m of pending) {
        await slice.maybeYield();
        if (m.seq <= lastSeq) continue;
        if (m.seq > lastSeq + 1) break; // a gap: the client resends from lastSeq + 1
        if (seen.has(m.mutationId)) {
          lastSeq = m.seq;
          continue;
        }
        const outcome = await this.apply(ctx, m);
        if (typeof outcome === 'object') {
          // The budget is spent: stop here, leaving this mutation and the rest in the client's outbox.
          held = { budget: outcome.held, retryAfterSeconds: ctx.budget.retryAfter(outcome.held) };
          break;
        }
        lastSeq = m.seq;
        seen.add(m.mutationId);
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
      for (let i = 0; i < handled.length; i += 100) {
        await slice.maybeYield();
        await repos.syncClients.recordMutations(handled.slice(i, i + 100));
      }
      await ctx.budget.save(repos, principal.userId);
      const commit = await writer.finish();
      for (const [caseId, c] of counts)
        await appendAudit(
          repos,
          {
            action: AuditAction.syncPush,
            actor: actorOf(principal),
            caseId,
            ip: origin.ip,
            // The change rows this push wrote (all of them, in every case: one push holds the counter
            // lock): each applied change can be named with its actor even after compaction.
            detail: { clientId: request.clientId, ...c, seqs: commit.seqs ? [...commit.seqs] : null },
          },
          date,
        );
      return { lastSeq, held, commit };
    });
    if (!result) return fail('forbidden', OTHER_USERS_CLIENT);
    if (result.commit.changes > 0) this.committed(result.commit);
    if (result.commit.deconflicted) await this.deconflicted(result.commit.latestSeq);
    return ok({
      lastSeq: result.lastSeq,
      latestSeq: await this.latestSeq(),
      ...(result.held ? { held: result.held } : {}),
    });
  }

  async pull(
    principal: Principal,
    request: PullRequest,
    origin: RequestOrigin = { ip: null },
  ): Promise<ServiceResult<PullResponse>> {
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
    // A case's records reaching this session for the first time is a read of that case (audited).
    const read = rows.filter((r) => r.entity !== null && r.only_client_id === null).map((r) => r.case_id);
    await this.auditFirstReads(principal, read, 'pull', request.clientId, origin);
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
    origin: RequestOrigin = { ip: null },
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
    // The first page starts the download of these cases: a read of each (audited once per session).
    if (!token) await this.auditFirstReads(principal, caseIds, 'bootstrap', request.clientId, origin);
    const limit = request.limit ?? DEFAULT_BOOTSTRAP_LIMIT;
    const after: EntityKey | null = token ? { caseId: token.k[0], entity: token.k[1], id: token.k[2] } : null;
    const rows = await this.uow.read.syncEntities.page(caseIds, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const entities: SnapshotEntity[] = page.map((e) => ({
      caseId: e.caseId,
      // Rows of an entity this server no longer defines cannot exist: the column holds what was pushed,
      // and pushes are checked against SYNCED_RECORDS.
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
   * `case.read` for each of these cases this session had not read before (issue 15: who downloaded a
   * case can be reconstructed). Nothing is written when the session read them all already, so a
   * pull every 30 seconds costs one statement only when it brings a case's records.
   */
  private async auditFirstReads(
    principal: Principal,
    caseIds: readonly string[],
    via: 'bootstrap' | 'pull',
    clientId: string,
    origin: RequestOrigin,
  ): Promise<void> {
    if (caseIds.length === 0) return;
    const date = this.now();
    await this.uow.transaction(async (repos) => {
      const first = await repos.sessionCaseReads.firstReads(
        principal.sessionHash,
        caseIds,
        date.toISOString(),
      );
      for (const caseId of first)
        await appendAudit(
          repos,
          {
            action: AuditAction.caseRead,
            actor: actorOf(principal),
            caseId,
            ip: origin.ip,
            detail: { via, clientId },
          },
          date,
        );
    });
  }

  /**
   * Deletes change rows below `beforeSeq` and raises the min cursor to `beforeSeq - 1`: a client whose
   * cursor is older gets 410 and bootstraps again. Entity state (tombstones included) is kept.
   */
  compact(beforeSeq: number): Promise<Compaction> {
    return compactChanges(this.uow, beforeSeq, this.now());
  }

  /**
   * One mutation: authorized, validated and decided (decide-mutation.ts), its references checked
   * against the case's records (check-references.ts), then written with its outcome for the pushing
   * client. Returns `{ held }` instead when the account's budget cannot take
   * it now: nothing of it is written and the push stops there.
   */
  private async apply(ctx: PushContext, m: Mutation): Promise<Outcome | Held> {
    const { repos, writer } = ctx;
    const target = { clientId: ctx.clientId, userId: ctx.principal.userId };
    const key = { caseId: m.caseId, entity: m.entity, id: m.id };
    const reject = async (refusal: Refusal, state?: EntityState & { deleted: false }): Promise<Outcome> => {
      await writer.toClient('mutation_rejected', target, key, { mutationId: m.mutationId, refusal, state });
      return 'rejected';
    };

    const role = await this.roleOf(ctx, m.caseId);
    if (!role) return reject({ reason: RejectionReason.notMember });
    const { current, elsewhere } = await writer.read(key);
    if (elsewhere) return reject({ reason: RejectionReason.idTaken });
    if (role === 'viewer') return reject({ reason: RejectionReason.readOnlyRole }, live(current));

    let liveMembers: number | undefined;
    if (SYNCED_RECORDS[m.entity].rules.keptWhileMembers && m.op === 'delete') {
      await writer.flush();
      liveMembers = await repos.syncEntities.countInSeries(m.caseId, 'media', m.id);
    }
    const decision: Decision = decideMutation(m, current, { liveMembers, author: ctx.author });
    if (decision.kind === 'refused') return reject(decision.refusal, live(current));

    let state = live(current);
    if (decision.kind === 'applied') {
      const wasLive = state !== undefined;
      if (!decision.next.deleted) {
        const set = (field: string) => !wasLive || decision.changed.includes(field);
        const refusal = await checkReferences(m.entity, m.caseId, decision.next.data, set, (k) =>
          writer.read(k),
        );
        if (refusal) return reject(refusal, state);
      }
      const lookups =
        m.entity === 'media' && !decision.next.deleted && (!wasLive || decision.changed.includes('seriesId'))
          ? 1
          : 0;
      const bytes = decision.bytes - (current ? sizeOf(current) : 0);
      const over = ctx.budget.take({ lookups, bytes });
      if (over) return { held: over };
      await writer.write(key, decision.next, { wasLive, changed: decision.changed });
      state = live({ ...key, ...decision.next, seq: 0 });
      await this.sideEffects(ctx, m, decision.next, decision.changed);
    }
    if (decision.conflicts.length > 0)
      await writer.toClient('conflict', target, key, {
        mutationId: m.mutationId,
        state,
        conflicts: decision.conflicts,
      });
    if (decision.superseded.length > 0)
      await writer.toClient('mutation_rejected', target, key, {
        mutationId: m.mutationId,
        refusal: { reason: RejectionReason.superseded, field: decision.superseded[0] },
        state,
      });
    if (decision.conflicts.length > 0) return 'conflict';
    if (decision.superseded.length > 0) return 'superseded';
    return decision.kind;
  }

  /**
   * What an applied write means beyond its entity: a case rename, a series revived by a move into
   * it, the video series links of a deleted video or series deleted with it.
   */
  private async sideEffects(ctx: PushContext, m: Mutation, next: EntityState, changed: readonly string[]) {
    if (m.entity === 'cases' && changed.includes('name') && typeof next.data.name === 'string')
      await ctx.repos.cases.rename(m.caseId, next.data.name, ctx.at);
    if ((m.entity === 'media' || m.entity === 'series') && next.deleted)
      await dropVideoLinks(ctx.repos, ctx.writer, m.caseId, { entity: m.entity, id: m.id });
    if (m.entity === 'media' && !next.deleted) {
      const seriesId = next.data.seriesId;
      if (typeof seriesId !== 'string' || seriesId === '') return;
      const seriesKey = { caseId: m.caseId, entity: 'series' as const, id: seriesId };
      const { current: series } = await ctx.writer.read(seriesKey);
      if (!series?.deleted) return;
      const revived = decideWrite(
        SYNCED_RECORDS.series.rules,
        series,
        { op: 'put', fields: {} },
        { byServer: true },
      );
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
  if (row.data !== null && row.entity !== null)
    change.data = upToDate(
      row.entity,
      JSON.parse(row.data) as Record<string, unknown>,
      row.data_version ?? 1,
    );
  if (row.field_versions !== null)
    change.fieldVersions = JSON.parse(row.field_versions) as Record<string, number>;
  if (row.mutation_id !== null) change.mutationId = row.mutation_id;
  if (row.reason !== null) Object.assign(change, refusalOf(row.reason));
  if (row.conflicts !== null) change.conflicts = JSON.parse(row.conflicts) as Change['conflicts'];
  return change;
}

/** A stored refusal ({reason, field?, limit?} as JSON); rows logged before codes were sentences. */
function refusalOf(stored: string): Pick<Change, 'reason' | 'field' | 'limit'> {
  try {
    const value = JSON.parse(stored) as { reason?: unknown; field?: unknown; limit?: unknown };
    const reason = RejectionReasonCode.safeParse(value.reason);
    if (reason.success)
      return {
        reason: reason.data,
        ...(typeof value.field === 'string' ? { field: value.field.slice(0, 200) } : {}),
        ...(typeof value.limit === 'number' ? { limit: Math.trunc(value.limit) } : {}),
      };
  } catch {
    // A sentence from before: fall through.
  }
  return { reason: RejectionReason.refused };
}

/** Bytes of a stored state's data (what an account's storage budget counts). */
function sizeOf(entity: StoredEntity): number {
  return entity.deleted ? 0 : utf8Length(JSON.stringify(entity.data));
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
