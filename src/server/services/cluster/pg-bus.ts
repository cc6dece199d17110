import { randomUUID } from 'node:crypto';

import pg from 'pg';

import { Listeners, type ClusterBus, type ClusterListener, type ClusterMessage } from './bus';

/** One channel per database: every process of a deployment listens on it. */
export const CLUSTER_CHANNEL = 'waymark_cluster';
/** NOTIFY payloads must stay under 8000 bytes; a larger commit is sent without its case list. */
const MAX_PAYLOAD = 7000;

interface Envelope {
  /** The sending process: it delivered the message to itself already. */
  readonly from: string;
  readonly message: ClusterMessage;
}

/**
 * The bus over PostgreSQL LISTEN/NOTIFY. One dedicated connection listens; messages are sent through
 * any connection (`pg_notify`) and delivered to this process at once, without the round trip.
 *
 * Invariants: NOTIFY is delivered to listening sessions after the sending transaction commits, in
 * commit order, and is lost for a session that is not connected. So when the listening connection
 * drops, this bus reconnects (with a growing delay) and then delivers `gap` locally: its listeners
 * catch up from the database. Publishing never throws (a failed NOTIFY is a lost hint; the consumer
 * polls and pushes re-read the cursor).
 */
export class PgBus implements ClusterBus {
  private readonly id = randomUUID();
  private readonly listeners = new Listeners();
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private delayMs = 100;

  constructor(
    private readonly connectionString: string,
    /** Sends one NOTIFY (through the app's pool). */
    private readonly notify: (channel: string, payload: string) => Promise<void>,
  ) {}

  /** Connects the listening session; resolves once it listens (or rejects: the caller decides). */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true });
    client.on('notification', (n) => this.received(n.payload));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${CLUSTER_CHANNEL}`);
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delayMs = 100;
  }

  publish(message: ClusterMessage): void {
    queueMicrotask(() => this.listeners.deliver(message));
    let payload = JSON.stringify({ from: this.id, message } satisfies Envelope);
    if (payload.length > MAX_PAYLOAD && message.type === 'commit')
      payload = JSON.stringify({ from: this.id, message: { ...message, caseIds: null } } satisfies Envelope);
    if (payload.length > MAX_PAYLOAD) return;
    void this.notify(CLUSTER_CHANNEL, payload).catch(() => undefined);
  }

  subscribe(listener: ClusterListener): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Test hook: cuts the listening connection as a network fault would. */
  dropConnection(): void {
    const client = this.client;
    if (client) void client.end().catch(() => undefined);
  }

  private received(payload: string | undefined): void {
    if (!payload) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      return;
    }
    if (envelope.from === this.id) return;
    this.listeners.deliver(envelope.message);
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.reconnect();
  }

  private reconnect(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.start().then(
        () => this.listeners.deliver({ type: 'gap' }),
        () => {
          this.delayMs = Math.min(5000, this.delayMs * 2);
          this.reconnect();
        },
      );
    }, this.delayMs);
    this.retry.unref();
  }
}
