const HOUR = 3_600_000;

export interface CompactionSchedule {
  /** First run this long after start: a server restarting in a loop never compacts over and over. */
  readonly firstAfterMs?: number;
  readonly everyMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Runs `compact` an hour after start and then once a day, until the returned function is called.
 * The timers do not keep the process alive; a failed run is reported and the next one still comes.
 */
export function scheduleCompaction(
  compact: () => Promise<unknown>,
  schedule: CompactionSchedule = {},
): () => void {
  const onError =
    schedule.onError ??
    ((error: unknown) =>
      console.error(
        `waymark: sync compaction failed: ${error instanceof Error ? error.message : String(error)}`,
      ));
  let running = false;
  const run = () => {
    if (running) return; // a slow run is not overlapped by the next one
    running = true;
    compact()
      .catch(onError)
      .finally(() => (running = false));
  };
  let interval: ReturnType<typeof setInterval> | undefined;
  const first = setTimeout(() => {
    run();
    interval = setInterval(run, schedule.everyMs ?? 24 * HOUR);
    interval.unref?.();
  }, schedule.firstAfterMs ?? HOUR);
  first.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
}
