import pg from 'pg';

import { LeadershipBase } from './leadership';

/** The advisory lock key of the jobs leader (any constant: advisory locks are per database). */
export const LEADER_LOCK_KEY = 1_466_989_677;
/** The leadership connection's application_name, followed by `:<process id>`. */
export const LEADER_APPLICATION_NAME = 'waymark-leadership';

/**
 * Leadership through a PostgreSQL session advisory lock on a dedicated connection. Every `checkMs`,
 * a follower tries the lock and the leader checks its session is alive. The lock is released by the
 * database when the session ends, so a process that dies (or whose connection is cut) hands over
 * within one interval; a leader whose check fails steps down at once (it may no longer hold the lock).
 */
export class PgLeadership extends LeadershipBase {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly checkMs = 1000,
    private readonly key = LEADER_LOCK_KEY,
  ) {
    super();
  }

  start(): void {
    if (this.timer || this.closed) return;
    void this.check();
    this.timer = setInterval(() => void this.check(), this.checkMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.set(false);
    const client = this.client;
    this.client = undefined;
    // Ending the session releases the lock: the next process takes over at its next check.
    await client?.end().catch(() => undefined);
  }

  private async check(): Promise<void> {
    if (this.checking || this.closed) return;
    this.checking = true;
    try {
      if (!this.client) {
        // The name says which process holds the lock (pg_stat_activity): operators and tests see the leader.
        const client = new pg.Client({
          connectionString: this.connectionString,
          keepAlive: true,
          application_name: `${LEADER_APPLICATION_NAME}:${process.pid}`,
        });
        client.on('error', () => this.drop(client));
        client.on('end', () => this.drop(client));
        await client.connect();
        if (this.closed) {
          // Closed while connecting: this session must not outlive the app (nor hold the lock).
          await client.end().catch(() => undefined);
          return;
        }
        this.client = client;
      }
      if (this.leading) await this.client.query('select 1');
      else {
        const result = await this.client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [
          this.key,
        ]);
        if (result.rows[0]?.ok) {
          if (this.closed) await this.client.end().catch(() => undefined);
          else this.set(true);
        }
      }
    } catch {
      if (this.client) this.drop(this.client);
    } finally {
      this.checking = false;
    }
  }

  private drop(client: pg.Client): void {
    if (this.client === client) this.client = undefined;
    this.set(false);
    void client.end().catch(() => undefined);
  }
}
