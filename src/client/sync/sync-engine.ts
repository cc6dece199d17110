/**
 * The sync loop (docs/SYNC.md): push the outbox, bootstrap what is owed, pull until up to date.
 * Only the tab holding the Web Lock `waymark-sync` runs it (every tab keeps its status current from
 * the database); without navigator.locks (Node tests) the engine simply runs.
 *
 * Triggers: start, local outbox writes (debounced 300 ms, from any tab: a live query), a server poke
 * (SSE), the browser coming back `online`, and every 30 s; after a failure, exponential backoff.
 * One run at a time; a trigger during a run schedules one more.
 */
import { liveQuery, type Subscription } from 'dexie';

import { ApiError } from '../api/api-client';
import type { WaymarkDatabase } from '../db/database';
import { bootstrap, prepareRebootstrap, BOOTSTRAP_LIMIT } from './bootstrap';
import { claimDatabase } from './database-owner';
import { describeSyncError } from './error-text';
import { httpTransport } from './http-transport';
import { PokeSource } from './poke-source';
import { pullAll, PULL_LIMIT } from './pull';
import { PushHeldError, pushOutbox, PUSH_BATCH } from './push';
import type { SyncFaults } from './sync-faults';
import { STATE, getClientId, getCursor } from './sync-state';
import { useSyncStatus, type SyncStatus } from './sync-status.store';
import { CursorExpiredError, type SyncTransport } from './transport';

export const SYNC_LOCK = 'waymark-sync';

export interface SyncEngineOptions {
  /** The signed-in analyst: the database is switched over to them first (database-owner.ts). */
  userId?: string;
  transport?: SyncTransport;
  /** Listen to server pokes (default: when EventSource exists). */
  pokes?: boolean;
  /** Take the Web Lock (default: when navigator.locks exists). */
  locks?: boolean;
  intervalMs?: number;
  debounceMs?: number;
  pushBatch?: number;
  pullLimit?: number;
  bootstrapLimit?: number;
  faults?: SyncFaults;
  /** Where status goes (default: the useSyncStatus store). */
  onStatus?: (patch: Partial<SyncStatus>) => void;
}

const MAX_BACKOFF_MS = 60_000;
/** Rounds of bootstrap-then-pull per run: a pulled `case_granted` asks for one more. */
const MAX_ROUNDS = 4;

export class SyncEngine {
  readonly transport: SyncTransport;
  private readonly intervalMs: number;
  private readonly debounceMs: number;
  private readonly setStatus: (patch: Partial<SyncStatus>) => void;
  private stopped = true;
  private leading = false;
  private running = false;
  private again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private interval: ReturnType<typeof setInterval> | undefined;
  private subscriptions: Subscription[] = [];
  private poke: PokeSource | undefined;
  private releaseLock: (() => void) | undefined;
  private lockAbort: AbortController | undefined;
  private lastPending = 0;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    readonly db: WaymarkDatabase,
    private readonly options: SyncEngineOptions = {},
  ) {
    this.transport = options.transport ?? httpTransport();
    this.intervalMs = options.intervalMs ?? 30_000;
    this.debounceMs = options.debounceMs ?? 300;
    this.setStatus = options.onStatus ?? ((patch) => useSyncStatus.setState(patch));
  }

  get userId(): string | undefined {
    return this.options.userId;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.setStatus({ state: 'idle' });
    this.watchDatabase();
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if ((this.options.locks ?? true) && locks) {
      this.lockAbort = new AbortController();
      locks
        .request(SYNC_LOCK, { signal: this.lockAbort.signal }, () => {
          if (this.stopped) return undefined;
          this.lead();
          return new Promise<void>((resolve) => (this.releaseLock = resolve));
        })
        .catch(() => undefined); // aborted by stop() before this tab got the lock
    } else this.lead();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.leading = false;
    clearTimeout(this.timer);
    clearInterval(this.interval);
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
    this.poke?.stop();
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    this.releaseLock?.();
    this.lockAbort?.abort();
    this.setStatus({ state: 'off', error: null });
  }

  /** Resolves when the run in progress (if any) has finished: after stop(), nothing else writes. */
  settled(): Promise<void> {
    return this.inFlight;
  }

  /** Asks for a run after `delayMs` (the lock holder only; coalesced with a pending request). */
  request(delayMs = this.debounceMs): void {
    if (this.stopped || !this.leading) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delayMs);
  }

  /** One complete pass: push, owed bootstraps, pull until up to date (410: re-bootstrap). Throws on failure. */
  async syncOnce(): Promise<void> {
    const { db, transport } = this;
    if (this.options.userId !== undefined) await claimDatabase(db, this.options.userId);
    const clientId = await getClientId(db);
    const { held } = await pushOutbox(db, transport, clientId, this.options.pushBatch ?? PUSH_BATCH);
    await this.pullEverything(clientId);
    // Held by the account's budget: the rest waits in the outbox; said once everything else is done.
    if (held) throw held;
  }

  private async pullEverything(clientId: string): Promise<void> {
    const { db, transport } = this;
    const faults = this.options.faults;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const limit = this.options.bootstrapLimit ?? BOOTSTRAP_LIMIT;
      if ((await getCursor(db)) === undefined)
        await bootstrap(db, transport, clientId, null, { limit, ...(faults ? { faults } : {}) });
      for (const caseId of await owedCaseBootstraps(db)) {
        try {
          await bootstrap(db, transport, clientId, caseId, { limit, ...(faults ? { faults } : {}) });
        } catch (error) {
          // Access gone again before it was loaded: nothing to load (a case_revoked follows).
          if (!(error instanceof ApiError && (error.status === 403 || error.status === 404))) throw error;
          await db.syncState.delete(STATE.bootstrap(caseId));
        }
      }
      try {
        const pulled = await pullAll(db, transport, clientId, {
          limit: this.options.pullLimit ?? PULL_LIMIT,
          ...(faults ? { faults } : {}),
        });
        if (pulled.granted.length === 0) return;
      } catch (error) {
        if (!(error instanceof CursorExpiredError)) throw error;
        await prepareRebootstrap(db);
      }
    }
  }

  private lead(): void {
    if (this.stopped) return;
    this.leading = true;
    this.interval = setInterval(() => this.request(0), this.intervalMs);
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    if (this.options.pokes ?? typeof EventSource !== 'undefined') {
      this.poke = new PokeSource((latestSeq) => void this.onPoke(latestSeq));
      this.poke.start();
    }
    this.request(0);
  }

  private readonly onOnline = (): void => this.request(0);

  private async onPoke(latestSeq: number): Promise<void> {
    const cursor = await getCursor(this.db);
    if (cursor === undefined || latestSeq > cursor) this.request(0);
  }

  private run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.runOnce();
    return this.inFlight;
  }

  private async runOnce(): Promise<void> {
    this.running = true;
    this.again = false;
    this.setStatus({ state: 'syncing' });
    try {
      await this.syncOnce();
      this.failures = 0;
      const lastSyncAt = new Date().toISOString();
      if (!this.stopped)
        this.setStatus({
          state: 'idle',
          error: null,
          lastSyncAt,
          otherAnalystChanges: 0,
          heldRetrySeconds: null,
        });
      await this.db.syncState.put({ id: STATE.status, lastSyncAt, error: null });
    } catch (error) {
      this.failures++;
      const described = describeSyncError(error);
      if (!this.stopped) this.setStatus(described);
      await this.db.syncState.put({ id: STATE.status, error: described.error }).catch(() => undefined);
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(this.failures, 6));
      // Signed out, or another analyst's changes waiting: only the analyst can change that.
      const waitForAnalyst = described.state === 'off' || described.otherAnalystChanges > 0;
      // A budget names when it allows more: no point in asking before (pulls still run every 30 s).
      const heldFor = error instanceof PushHeldError ? (error.retryAfterSeconds ?? 3600) * 1000 : 0;
      this.request(waitForAnalyst ? MAX_BACKOFF_MS : Math.max(backoff, Math.min(heldFor, this.intervalMs)));
    } finally {
      this.running = false;
      if (this.again) this.request();
    }
  }

  /** Status every tab can show from the database: pending changes, open conflicts, the leader's last result. */
  private watchDatabase(): void {
    const { db } = this;
    this.subscriptions.push(
      liveQuery(() => db.outbox.count()).subscribe({
        next: (pending) => {
          this.setStatus({ pending });
          if (pending > this.lastPending) this.request();
          this.lastPending = pending;
        },
        error: () => undefined,
      }),
      liveQuery(() => db.syncConflicts.where('status').equals('open').count()).subscribe({
        next: (conflicts) => this.setStatus({ conflicts }),
        error: () => undefined,
      }),
      liveQuery(() => db.syncState.bulkGet([STATE.status, STATE.rejections, STATE.unreadable])).subscribe({
        next: ([status, rejections, unreadable]) => {
          const last = rejections?.rejections?.at(-1);
          this.setStatus({ lastRejection: last ?? null, unreadable: unreadable?.unreadable?.length ?? 0 });
          if (!this.leading && status)
            this.setStatus({
              lastSyncAt: status.lastSyncAt ?? null,
              error: status.error ?? null,
              state: status.error ? 'error' : 'idle',
            });
        },
        error: () => undefined,
      }),
    );
  }
}

/** Cases granted to this user whose bootstrap is owed (recorded with the pulled case_granted). */
async function owedCaseBootstraps(db: WaymarkDatabase): Promise<string[]> {
  const rows = await db.syncState.where('id').startsWith('bootstrap:').toArray();
  return rows.filter((r) => r.id !== STATE.bootstrap(null) && r.caseId).map((r) => String(r.caseId));
}
