/**
 * Long work on the page's thread (the geometric checks of a batch) gives the page a turn every
 * SLICE_MS, so input and painting never wait longer than a frame or so.
 *
 * Why not `setTimeout(0)` every few items: a browser clamps nested timeouts to 4 ms, and a loop that
 * yields through them pays 4 ms per yield whatever the work. At 20,000 ingest pictures the checks
 * yielded every 8 pairs: about 15,000 yields, about a minute of the grouping stage spent waiting
 * (docs/INGEST.md). `scheduler.yield()` (Chromium) or a message to ourselves is not clamped.
 */
const SLICE_MS = 12;

interface SchedulerWithYield {
  yield(): Promise<void>;
}

export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Whether SLICE_MS have run since the last time it said so: `if (due()) await yieldToPage()`. */
export function sliceTimer(now: () => number = () => performance.now()): () => boolean {
  let sliceStart = now();
  return () => {
    const t = now();
    if (t - sliceStart < SLICE_MS) return false;
    sliceStart = t;
    return true;
  };
}
