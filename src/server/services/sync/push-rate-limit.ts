/**
 * Pushes per user per minute, counted in memory (one server process). A client pushes its outbox in
 * batches of up to 500 mutations, so even a large upload needs few requests; a runaway client loop is
 * what this stops.
 */
export class PushRateLimit {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /** Milliseconds until this user may push again; 0 means allowed (and counted) now. */
  take(userId: string, now: number): number {
    const list = (this.recent.get(userId) ?? []).filter((t) => t > now - 60_000);
    if (list.length >= this.perMinute) {
      this.recent.set(userId, list);
      return Math.max(1, (list[list.length - this.perMinute] ?? now) + 60_000 - now);
    }
    list.push(now);
    this.recent.set(userId, list);
    if (this.recent.size > 10_000)
      for (const [key, times] of this.recent)
        if (!times.some((t) => t > now - 60_000)) this.recent.delete(key);
    return 0;
  }
}
