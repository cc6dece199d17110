import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Cooperative scheduling for long server work (deconfliction lookups, large pushes): the work checks
 * its slice now and then and gives the event loop a turn once it has run for `sliceMs`, so requests
 * that arrive meanwhile (a health check, another analyst's pull) are answered within a few ms.
 * On SQLite every statement runs synchronously, so a yield is the only way other requests get a turn.
 */
export class TimeSlice {
  private started = performance.now();

  constructor(private readonly sliceMs = 4) {}

  async maybeYield(): Promise<void> {
    if (performance.now() - this.started < this.sliceMs) return;
    await yieldToEventLoop();
    this.started = performance.now();
  }
}

/** One turn of the event loop (I/O callbacks run before this resolves). */
export function yieldToEventLoop(): Promise<void> {
  return nextTurn();
}
