import type { Repositories } from '../../repositories/unit-of-work';

/**
 * What one account may cost the shared server (configurable: config.ts, README). Counted in the
 * database, so every server process shares the count.
 * - pushes per minute: a runaway client loop is refused with 429 before any work;
 * - deconfliction lookups per hour: each new (or moved) media record is one lookup against every other
 *   case; past the budget, a push stops before that record and the rest waits in the browser's outbox;
 * - stored bytes: the synced records the account has written; past it, the push stops likewise.
 * Stopping a push keeps everything: the browser keeps its unsent changes and says why it waits.
 */
export interface BudgetLimits {
  readonly lookupsPerHour: number;
  readonly storedBytes: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

export const windowStart = (now: number, length: number): number => now - (now % length);

/** Seconds until the window holding `now` ends (at least 1). */
export const secondsLeft = (now: number, length: number): number =>
  Math.max(1, Math.ceil((windowStart(now, length) + length - now) / 1000));

/**
 * A push's running account of its cost inside its transaction: what the account may still spend when
 * the push starts, decremented as mutations are applied, written back once at the end.
 */
export class PushBudget {
  private lookups = 0;
  private bytes = 0;

  private constructor(
    private readonly limits: BudgetLimits,
    private readonly now: number,
    private readonly lookupsUsed: number,
    private readonly storedBytes: number,
  ) {}

  static async open(
    repos: Repositories,
    userId: string,
    limits: BudgetLimits,
    now: number,
  ): Promise<PushBudget> {
    const usage = repos.accountUsage;
    const lookupsUsed = await usage.used(userId, 'lookups', windowStart(now, HOUR_MS));
    return new PushBudget(limits, now, lookupsUsed, await usage.storedBytes(userId));
  }

  /**
   * Whether a mutation costing this much fits; `null` when it does (and it is counted), else which
   * budget it would break.
   */
  take(cost: { lookups: number; bytes: number }): 'lookups' | 'storedBytes' | null {
    if (cost.lookups > 0 && this.lookupsUsed + this.lookups + cost.lookups > this.limits.lookupsPerHour)
      return 'lookups';
    if (cost.bytes > 0 && this.storedBytes + this.bytes + cost.bytes > this.limits.storedBytes)
      return 'storedBytes';
    this.lookups += cost.lookups;
    this.bytes += cost.bytes;
    return null;
  }

  /** Seconds until the budget that stopped the push may allow it again (null: it will not by itself). */
  retryAfter(budget: 'lookups' | 'storedBytes'): number | null {
    return budget === 'lookups' ? secondsLeft(this.now, HOUR_MS) : null;
  }

  async save(repos: Repositories, userId: string): Promise<void> {
    if (this.lookups > 0)
      await repos.accountUsage.add(userId, 'lookups', windowStart(this.now, HOUR_MS), this.lookups);
    await repos.accountUsage.addStoredBytes(userId, this.bytes);
  }
}

/**
 * Counts one request against a per-minute budget of the account (pushes, export reports); the seconds
 * to wait when it is spent, else 0.
 */
export async function takePerMinute(
  repos: Repositories,
  userId: string,
  budget: 'pushes' | 'exportReports',
  perMinute: number,
  now: number,
): Promise<number> {
  const start = windowStart(now, MINUTE_MS);
  const used = await repos.accountUsage.add(userId, budget, start, 1);
  // An account's first request of a minute drops its windows that ended long ago (a key-range delete).
  if (used === 1) await repos.accountUsage.dropWindowsBefore(userId, now - 2 * HOUR_MS);
  return used > perMinute ? secondsLeft(now, MINUTE_MS) : 0;
}

/** Counts one push against the per-minute budget; the seconds to wait when it is spent, else 0. */
export const takePush = (
  repos: Repositories,
  userId: string,
  perMinute: number,
  now: number,
): Promise<number> => takePerMinute(repos, userId, 'pushes', perMinute, now);
