import type { Insertable } from 'kysely';

import type { Change } from '../../../contract/sync.contract';
import type { EntityState, FieldConflictOutcome } from '../../../domain/sync/decide-write';
import { ENTITY_RULES, type SyncedEntityName } from '../../../domain/sync/entity-rules';
import type { SyncChangesTable } from '../../db/schema';
import type { EntityKey, EntityWriteRow, StoredEntity } from '../../repositories/sync-entities.repository';
import type { Repositories } from '../../repositories/unit-of-work';

/** A media entity written by a commit: the deconfliction index follows these after the commit. */
export interface MediaWrite {
  readonly caseId: string;
  readonly id: string;
  readonly state: EntityState;
  readonly seq: number;
  /** New, revived or moved to another series: look it up against the other cases again. */
  readonly lookUp: boolean;
}

/** What one committed transaction added to the change log, for the poke and the deconfliction index. */
export interface SyncCommit {
  readonly latestSeq: number;
  readonly changes: number;
  /** Cases with rows for every member. */
  readonly caseIds: ReadonlySet<string>;
  /** Users with rows addressed to them (or to one of their clients). */
  readonly userIds: ReadonlySet<string>;
  readonly media: readonly MediaWrite[];
}

type Kind = Change['kind'];

const cacheKey = (k: { entity: string; id: string }) => `${k.entity}\u0000${k.id}`;

/**
 * Writes entities and change-log rows inside one transaction. Invariant: `lock` runs before any entity
 * is read for a decision (it takes the sync_counter row lock, which every writer of sync state takes
 * first), seqs are handed out in memory under that lock, and `finish` stores the counter and the rows
 * before the commit. So commit order equals seq order, and entity reads under the lock are current.
 * Lock order everywhere: sync client row, sync_counter, cases row, audit_head.
 */
export class SyncWriter {
  private last: number | undefined;
  private readonly rows: Insertable<SyncChangesTable>[] = [];
  private readonly caseIds = new Set<string>();
  private readonly userIds = new Set<string>();
  private readonly media: MediaWrite[] = [];
  /** Entities read or written in this transaction, by (entity, id): null = none on the server. */
  private readonly cache = new Map<string, StoredEntity | null>();
  /** Entity writes not yet sent to the database (flushed in batches). */
  private readonly pending = new Map<string, EntityWriteRow>();

  constructor(
    private readonly repos: Repositories,
    private readonly at: string,
  ) {}

  async lock(): Promise<void> {
    if (this.last === undefined) this.last = await this.repos.syncChanges.lockCounter();
  }

  /** Loads these entities into the cache in a few statements (a push reads every entity it writes). */
  async prefetch(keys: readonly { entity: string; id: string }[]): Promise<void> {
    const byEntity = new Map<string, string[]>();
    for (const k of keys) {
      if (this.cache.has(cacheKey(k))) continue;
      const ids = byEntity.get(k.entity) ?? [];
      ids.push(k.id);
      byEntity.set(k.entity, ids);
    }
    for (const [entity, ids] of byEntity) {
      for (const id of ids) this.cache.set(cacheKey({ entity, id }), null);
      for (const e of await this.repos.syncEntities.findMany(entity, [...new Set(ids)]))
        this.cache.set(cacheKey(e), e);
    }
  }

  /**
   * The entity's current state (this transaction's writes included), or `elsewhere` when its id is
   * held by another case than `key.caseId`.
   */
  async read(key: EntityKey): Promise<{ current: StoredEntity | undefined; elsewhere: boolean }> {
    if (!this.cache.has(cacheKey(key))) await this.prefetch([key]);
    const found = this.cache.get(cacheKey(key)) ?? undefined;
    if (found && found.caseId !== key.caseId) return { current: undefined, elsewhere: true };
    return { current: found, elsewhere: false };
  }

  /** Sends buffered entity writes to the database (before a query that counts entities). */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending.clear();
    await this.repos.syncEntities.upsertMany(rows);
  }

  /** Stores the entity's new state and a `put` (or `delete`) for every member of its case. */
  async write(
    key: EntityKey & { entity: SyncedEntityName },
    state: EntityState,
    options: { wasLive: boolean; changed: readonly string[] },
  ): Promise<number> {
    const seq = await this.nextSeq();
    const seriesField = ENTITY_RULES[key.entity].seriesField;
    const series = seriesField ? state.data[seriesField] : undefined;
    const row = { key, state, seq, seriesId: typeof series === 'string' ? series : null, at: this.at };
    this.pending.set(cacheKey(key), row);
    this.cache.set(cacheKey(key), { ...key, ...state, seq });
    this.push({
      seq,
      case_id: key.caseId,
      kind: state.deleted ? 'delete' : 'put',
      entity: key.entity,
      entity_id: key.id,
      data: state.deleted ? null : JSON.stringify(state.data),
      field_versions: state.deleted ? null : JSON.stringify(state.fieldVersions),
    });
    this.caseIds.add(key.caseId);
    if (key.entity === 'media') {
      const lookUp = !state.deleted && (!options.wasLive || options.changed.includes('seriesId'));
      this.media.push({ caseId: key.caseId, id: key.id, state, seq, lookUp });
    }
    return seq;
  }

  /** A row for one user only (case_granted, case_revoked). */
  async toUser(kind: Extract<Kind, 'case_granted' | 'case_revoked'>, caseId: string, userId: string) {
    this.push({ seq: await this.nextSeq(), case_id: caseId, kind, only_user_id: userId });
    this.userIds.add(userId);
  }

  /**
   * A row for the pushing client only: `mutation_rejected` (with the server's state when it has the
   * entity and the caller may read it) or `conflict` (with the conflicting fields).
   */
  async toClient(
    kind: Extract<Kind, 'mutation_rejected' | 'conflict'>,
    target: { clientId: string; userId: string },
    key: EntityKey,
    detail: {
      mutationId: string;
      reason?: string;
      state?: (EntityState & { deleted: false }) | undefined;
      conflicts?: readonly FieldConflictOutcome[];
    },
  ): Promise<void> {
    this.push({
      seq: await this.nextSeq(),
      case_id: key.caseId,
      kind,
      entity: key.entity,
      entity_id: key.id,
      data: detail.state ? JSON.stringify(detail.state.data) : null,
      field_versions: detail.state ? JSON.stringify(detail.state.fieldVersions) : null,
      only_client_id: target.clientId,
      mutation_id: detail.mutationId,
      reason: detail.reason ?? null,
      conflicts: detail.conflicts ? JSON.stringify(detail.conflicts) : null,
    });
    this.userIds.add(target.userId);
  }

  /** Stores the rows and the counter; call last, inside the transaction. */
  async finish(): Promise<SyncCommit> {
    await this.flush();
    if (this.rows.length > 0 && this.last !== undefined) {
      await this.repos.syncChanges.insert(this.rows);
      await this.repos.syncChanges.setCounter(this.last);
    }
    return {
      latestSeq: this.last ?? (await this.repos.syncChanges.counter()),
      changes: this.rows.length,
      caseIds: this.caseIds,
      userIds: this.userIds,
      media: this.media,
    };
  }

  private async nextSeq(): Promise<number> {
    await this.lock();
    this.last = (this.last ?? 0) + 1;
    return this.last;
  }

  private push(row: Omit<Insertable<SyncChangesTable>, 'at'>): void {
    this.rows.push({ ...row, at: this.at });
  }
}
