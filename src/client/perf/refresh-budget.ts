/**
 * A whole-case refresh run after ingest batches (the same-shoot suggestions read every dated photo
 * of the case and rewrite every open suggestion) costs more as the case grows; run after every batch
 * of 50 files, its total grows with the square of the case. The budget keeps it to a `share` of the
 * time: a refresh that took d ms is not run again before d × (1 / share − 1) ms have passed since it
 * ended. Requests in between are answered by one later refresh, which reads the state as it then is.
 *
 * Pure timing, no scheduling: the caller asks `wait()`, runs the refresh through `spend` (now, or on
 * a timer it owns) so its cost is measured.
 */
export class RefreshBudget {
  private lastEnd = Number.NEGATIVE_INFINITY;
  private lastCost = 0;

  constructor(
    private readonly share: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Milliseconds until a refresh fits the budget (0: it may run now). */
  wait(): number {
    return Math.max(0, this.lastEnd + this.lastCost * (1 / this.share - 1) - this.now());
  }

  /** Runs the refresh and remembers what it cost. */
  async spend<T>(run: () => Promise<T>): Promise<T> {
    const start = this.now();
    try {
      return await run();
    } finally {
      this.lastEnd = this.now();
      this.lastCost = this.lastEnd - start;
    }
  }
}
