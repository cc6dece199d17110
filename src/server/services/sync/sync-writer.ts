import type { Insertable } from 'kysely';

import type { Refusal } from '../../../contract/records/record-validation';
import { SYNCED_RECORDS, type SyncedEntity } from '../../../contract/records/synced-records';
import type { Change } from '../../../contract/sync.contract';
import type { EntityState, FieldConflictOutcome } from '../../../domain/sync/decide-write';
import type { SyncChangesTable } from '../../db/schema';
import {
  versionOf,
  type EntityKey,
  type EntityWriteRow,
  type StoredEntity,
} from '../../repositories/sync-entities.repository';
import type { Repositories } from '../../repositories/unit-of-work';
import { TimeSlice } from '../time-slice';
import { isDeconflicted } from '../deconfliction/deconflicted-entities';

/** A media entity written by a commit (the change log carries the same for the deconfliction consumer). */
export interface MediaWrite {
  readonly caseId: string;
  readonly id: string;
  readonly state: EntityState;
  readonly seq: number;
  /** New, revived or moved to another series: look it up against the other cases again. */
  readonly lookUp: boolean;
  /** The account whose push wrote it (deconfliction names it in the notice.created audit). */
  readonly actor: WriterActor | null;
}

/** The account a writer writes for (a push); none for the server's own writes. */
export interface WriterActor {
  readonly id: string;
  readonly name: string;
}

/** What one committed transaction added to the change log, for the poke. */
export interface SyncCommit {
  readonly latestSeq: number;
  readonly changes: number;
  /** Cases with rows for every member. */
  readonly caseIds: ReadonlySet<string>;
  /** Users with rows addressed to them (or to one of their clients). */
  readonly userIds: ReadonlySet<string>;
  readonly media: readonly MediaWrite[];
  /** True when it wrote rows the deconfliction consumer follows (media, video frames). */
  readonly deconflicted: boolean;
  /** The first and last change seq this commit wrote (null when none). */
  readonly seqs: readonly [number, number] | null;
}

type Kind = Change['kind'];

/** Rows per statement batch between yields. */
const WRITE_CHUNK = 100;

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
  private first: number | undefined;
  private readonly rows: Insertable<SyncChangesTable>[] = [];
  private readonly caseIds = new Set<string>();
  private readonly userIds = new Set<string>();
  private readonly media: MediaWrite[] = [];
  private deconflicted = false;
  /** Entities read or written in this transaction, by (entity, id): null = none on the server. */
  private readonly cache = new Map<string, StoredEntity | null>();
  /** Entity writes not yet sent to the database (flushed in batches). */
  private readonly pending = new Map<string, EntityWriteRow>();

  /** Large writes give the event loop a turn between statements (on SQLite each one blocks it). */
  private readonly slice = new TimeSlice();

  constructor(
    private readonly repos: Repositories,
    private readonly at: string,
    /** Named on every change row it writes (sync_changes.actor_id). */
    private readonly actor: WriterActor | null = null,
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
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
      await this.slice.maybeYield();
      await this.repos.syncEntities.upsertMany(rows.slice(i, i + WRITE_CHUNK));
    }
  }

  /** Stores the entity's new state and a `put` (or `delete`) for every member of its case. */
  async write(
    key: EntityKey & { entity: SyncedEntity },
    state: EntityState,
    options: { wasLive: boolean; changed: readonly string[] },
  ): Promise<number> {
    const seq = await this.nextSeq();
    const seriesField: string | undefined = SYNCED_RECORDS[key.entity].rules.seriesField;
    const series = seriesField ? state.data[seriesField] : undefined;
    const row = { key, state, seq, seriesId: typeof series === 'string' ? series : null, at: this.at };
    const before = this.cache.get(cacheKey(key));
    this.pending.set(cacheKey(key), row);
    this.cache.set(cacheKey(key), { ...key, ...state, seq });
    // The deconfliction consumer replays media rows after a crash: each row carries what to do with it.
    let media: { look_up: number | null; left_series_id: string | null } = {
      look_up: null,
      left_series_id: null,
    };
    if (isDeconflicted(key.entity)) this.deconflicted = true;
    if (key.entity === 'media') {
      const lookUp = !state.deleted && (!options.wasLive || options.changed.includes('seriesId'));
      const was = before && !before.deleted ? before.data.seriesId : undefined;
      const left = typeof was === 'string' && (state.deleted || was !== series) ? was : null;
      media = { look_up: lookUp ? 1 : 0, left_series_id: left };
      this.media.push({ caseId: key.caseId, id: key.id, state, seq, lookUp, actor: this.actor });
    }
    this.push({
      ...media,
      seq,
      case_id: key.caseId,
      kind: state.deleted ? 'delete' : 'put',
      entity: key.entity,
      entity_id: key.id,
      data: state.deleted ? null : JSON.stringify(state.data),
      field_versions: state.deleted ? null : JSON.stringify(state.fieldVersions),
      data_version: state.deleted ? null : versionOf(key.entity),
    });
    this.caseIds.add(key.caseId);
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
      refusal?: Refusal;
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
      data_version: detail.state ? versionOf(key.entity) : null,
      only_client_id: target.clientId,
      mutation_id: detail.mutationId,
      // The refusal as JSON ({reason, field?, limit?}): codes, worded by the UI.
      reason: detail.refusal ? JSON.stringify(detail.refusal) : null,
      conflicts: detail.conflicts ? JSON.stringify(detail.conflicts) : null,
    });
    this.userIds.add(target.userId);
  }

  /** Stores the rows and the counter; call last, inside the transaction. */
  async finish(): Promise<SyncCommit> {
    await this.flush();
    if (this.rows.length > 0 && this.last !== undefined) {
      for (let i = 0; i < this.rows.length; i += WRITE_CHUNK) {
        await this.slice.maybeYield();
        await this.repos.syncChanges.insert(this.rows.slice(i, i + WRITE_CHUNK));
      }
      await this.repos.syncChanges.setCounter(this.last);
    }
    return {
      latestSeq: this.last ?? (await this.repos.syncChanges.counter()),
      changes: this.rows.length,
      caseIds: this.caseIds,
      userIds: this.userIds,
      media: this.media,
      deconflicted: this.deconflicted,
      seqs: this.first !== undefined && this.last !== undefined ? [this.first, this.last] : null,
    };
  }

  private async nextSeq(): Promise<number> {
    await this.lock();
    this.last = (this.last ?? 0) + 1;
    this.first ??= this.last;
    return this.last;
  }

  private push(row: Omit<Insertable<SyncChangesTable>, 'at'>): void {
    this.rows.push({ ...row, at: this.at, actor_id: this.actor?.id ?? null });
  }
}
