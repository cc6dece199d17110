import type { ChangeRow } from '../../repositories/sync-changes.repository';
import { upToDate } from '../../repositories/sync-entities.repository';
import type { UnitOfWork } from '../../repositories/unit-of-work';
import type { ClusterBus } from '../cluster/bus';
import { DECONFLICTED_ENTITIES } from './deconflicted-entities';
import type { DeconflictionService, MediaChange } from './deconfliction.service';

export interface ConsumerOptions {
  /** Media rows followed per step (one batch of lookups and notices, then the cursor moves). */
  readonly batch?: number;
  /** How often the leader looks at the log without being woken (a lost NOTIFY costs this much). */
  readonly pollMs?: number;
  /** Reports a failed step (the consumer retries from its cursor after `pollMs`). */
  readonly onError?: (error: unknown) => void;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
  });

/**
 * Deconfliction as a consumer of the sync change log (docs/SCALE.md). The leader process reads the
 * media rows after the cursor persisted in server_meta, follows them (DeconflictionService) and only
 * then moves the cursor: so every committed media row is looked up at least once whatever process
 * dies where, and replays are harmless (the service is idempotent), which makes its notices exactly
 * once. Compaction never cuts the log past this cursor.
 *
 * Every process (leader or not) tracks how far the consumer got, from `deconflicted` messages and by
 * reading the cursor, so a push can answer once its own matches are written (`caughtUp`).
 */
export class DeconflictionConsumer {
  private running: Promise<void> | undefined;
  private leading = false;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  /** The furthest cursor this process knows of. */
  private known = 0;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly service: DeconflictionService,
    private readonly bus: ClusterBus,
    private readonly options: ConsumerOptions = {},
  ) {}

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** This process became the leader: prepare the index, then follow the log until `stop`. */
  start(): void {
    if (this.leading) return;
    this.leading = true;
    const previous = this.running ?? Promise.resolve();
    const run = previous.then(() => this.loop());
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = undefined;
    });
  }

  /** This process stopped leading (or is closing): the loop ends after its current step. */
  async stop(): Promise<void> {
    this.leading = false;
    this.wake();
    await this.running;
  }

  /** Something was committed: look at the log now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Another process (or this one) reports the cursor reached `cursor`. */
  heard(cursor: number): void {
    if (cursor <= this.known) return;
    this.known = cursor;
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }

  /**
   * Resolves true once the consumer has followed the log up to `seq`, false after `timeoutMs`
   * (the leader is slow, or there is none for a moment: the notices come later, through pull).
   * Messages are hints: the cursor is also read from the database every 250 ms while waiting.
   */
  async caughtUp(seq: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.known < seq) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let waiter: (() => void) | undefined;
      const heard = new Promise<void>((resolve) => this.waiters.add((waiter = resolve)));
      await Promise.race([heard, sleep(Math.min(250, left))]);
      if (waiter) this.waiters.delete(waiter);
      if (this.known < seq) this.heard(await this.uow.read.syncChanges.deconflictionCursor());
    }
    return true;
  }

  /**
   * One step: follow the next batch of media rows after the cursor, then move the cursor past them.
   * Returns true when more rows are waiting.
   */
  async step(): Promise<boolean> {
    const read = this.uow.read.syncChanges;
    const cursor = await read.deconflictionCursor();
    // The counter first: every row up to it has committed (counter lock), so the batch misses none.
    const upTo = await read.counter();
    if (upTo <= cursor) {
      this.heard(cursor);
      return false;
    }
    const batch = this.options.batch ?? 500;
    await this.catchUpIndex(cursor, batch);
    const rows = await read.mediaAfter(cursor, upTo, batch, DECONFLICTED_ENTITIES);
    const last = rows[rows.length - 1];
    const end = rows.length === batch && last ? Number(last.seq) : upTo;
    await this.service.follow(rows.map(mediaChangeOf));
    const index = this.service.index;
    index.followedUpTo = Math.max(index.followedUpTo, end);
    const moved = await this.uow.transaction((repos) =>
      repos.syncChanges.advanceDeconflictionCursor(cursor, end),
    );
    if (moved) this.bus.publish({ type: 'deconflicted', cursor: end });
    return end < upTo;
  }

  /**
   * Brings this process's index up to the cursor when another process followed rows this one did not
   * (index only: those rows were looked up already). Rebuilds it when they were compacted away.
   */
  private async catchUpIndex(cursor: number, batch: number): Promise<void> {
    const index = this.service.index;
    const read = this.uow.read.syncChanges;
    if (index.followedUpTo < (await read.minCursor())) await index.prepare();
    while (index.followedUpTo < cursor) {
      const rows = await read.mediaAfter(index.followedUpTo, cursor, batch, DECONFLICTED_ENTITIES);
      for (const change of rows.map(mediaChangeOf)) await this.service.applyToIndex(change);
      const last = rows[rows.length - 1];
      index.followedUpTo = rows.length === batch && last ? Number(last.seq) : cursor;
    }
  }

  private async loop(): Promise<void> {
    const pollMs = this.options.pollMs ?? 1000;
    let prepared = false;
    while (this.leading) {
      this.woken = false;
      let more = false;
      try {
        if (!prepared) {
          await this.service.index.prepare();
          prepared = true;
        }
        more = await this.step();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (more || this.woken || !this.leading) continue;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        void sleep(pollMs).then(resolve);
      });
      this.wakeUp = undefined;
    }
  }
}

function mediaChangeOf(row: ChangeRow): MediaChange {
  const entity = row.entity === 'videoFrames' ? 'videoFrames' : 'media';
  const data =
    row.kind === 'put' && row.data !== null
      ? upToDate(entity, JSON.parse(row.data) as Record<string, unknown>, Number(row.data_version ?? 1))
      : null;
  return {
    entity,
    seq: Number(row.seq),
    caseId: row.case_id,
    id: row.entity_id ?? '',
    data,
    // A frame part is written once (immutable): every put of one is new, and looked up.
    lookUp: entity === 'videoFrames' ? data !== null : Number(row.look_up) === 1,
    leftSeriesId: row.left_series_id,
    actorId: row.actor_id,
  };
}
