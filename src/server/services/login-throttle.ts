/**
 * Failed sign-in counting, kept in memory (one server process; a restart forgets, which errs toward
 * letting a real user back in). Two keys per attempt: username+IP (a targeted guess) and IP alone
 * (spraying many usernames). A key with `maxFailures` failures inside `windowMs` is refused until
 * its oldest failure leaves the window. An attempt counts as a failure from the moment it starts
 * (so parallel guesses cannot all slip in before the first one fails); success withdraws it and
 * clears the username+IP key.
 */
export interface LoginThrottleOptions {
  readonly maxFailures: number;
  readonly windowMs: number;
  /** Per-IP cap across all usernames. */
  readonly maxFailuresPerIp: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: LoginThrottleOptions) {}

  /** Milliseconds until another attempt is allowed; 0 when allowed now. */
  retryAfterMs(usernameKey: string, ip: string, now: number): number {
    return Math.max(
      this.wait(`u:${usernameKey}\u0000${ip}`, this.options.maxFailures, now),
      this.wait(`ip:${ip}`, this.options.maxFailuresPerIp, now),
    );
  }

  recordFailure(usernameKey: string, ip: string, now: number): void {
    for (const key of [`u:${usernameKey}\u0000${ip}`, `ip:${ip}`]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.set(key, list);
    }
    if (this.failures.size > 100_000) this.sweep(now);
  }

  /** Clears the username+IP key and withdraws the one IP entry this attempt recorded. */
  recordSuccess(usernameKey: string, ip: string, attemptAt: number): void {
    this.failures.delete(`u:${usernameKey}\u0000${ip}`);
    const list = this.failures.get(`ip:${ip}`);
    const index = list?.lastIndexOf(attemptAt) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
  }

  private wait(key: string, max: number, now: number): number {
    const list = this.recent(key, now);
    if (list.length < max) return 0;
    const oldestCounted = list[list.length - max] ?? now;
    return Math.max(1, oldestCounted + this.options.windowMs - now);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
  }
}
