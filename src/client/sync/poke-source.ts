import { SyncPoke } from '../../contract/sync.contract';

export const SYNC_EVENTS_PATH = '/api/sync/events';

/**
 * The server's live "poke" (server-sent events on /api/sync/events): after every commit that added
 * changes, and on connect. The browser's EventSource reconnects by itself after a dropped connection;
 * when it gives up (an HTTP error such as 401) this reconnects with backoff. Absent EventSource (Node)
 * it does nothing: the engine's timer still pulls.
 */
export class PokeSource {
  private source: EventSource | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly onPoke: (latestSeq: number) => void,
    private readonly url = SYNC_EVENTS_PATH,
  ) {}

  start(): void {
    this.stopped = false;
    if (typeof EventSource === 'undefined') return;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.source?.close();
    this.source = undefined;
  }

  private connect(): void {
    const source = new EventSource(this.url, { withCredentials: true });
    this.source = source;
    source.addEventListener('open', () => {
      this.failures = 0;
    });
    source.addEventListener('poke', (event) => {
      const parsed = SyncPoke.safeParse(safeJson((event as MessageEvent<string>).data));
      if (parsed.success) this.onPoke(parsed.data.latestSeq);
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED || this.stopped) return;
      this.failures++;
      const delay = Math.min(60_000, 1000 * 2 ** Math.min(this.failures, 6));
      this.retry = setTimeout(() => {
        if (!this.stopped) this.connect();
      }, delay);
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
