/**
 * Which process runs the deployment's background jobs (the deconfliction consumer, compaction).
 * Invariant: at most one process leads at a time as far as the database can tell (PostgreSQL: a
 * session advisory lock); a process that loses its database session stops leading, and another takes
 * over within one check interval. Jobs must still be safe if two processes briefly both believe they
 * lead (a stalled process that has not noticed yet): theirs are idempotent.
 */
export interface Leadership {
  readonly leading: boolean;
  /** Called with true when this process becomes the leader, false when it stops being it. */
  onChange(listener: (leading: boolean) => void): () => void;
  start(): void;
  close(): Promise<void>;
}

/** Notifies listeners of changes; shared by the implementations. */
export abstract class LeadershipBase implements Leadership {
  private readonly listeners = new Set<(leading: boolean) => void>();
  private current = false;

  get leading(): boolean {
    return this.current;
  }

  onChange(listener: (leading: boolean) => void): () => void {
    this.listeners.add(listener);
    if (this.current) listener(true);
    return () => this.listeners.delete(listener);
  }

  protected set(leading: boolean): void {
    if (leading === this.current) return;
    this.current = leading;
    for (const listener of this.listeners) listener(leading);
  }

  abstract start(): void;
  abstract close(): Promise<void>;
}

/** SQLite: one server process per database, so it always leads. */
export class SoleLeadership extends LeadershipBase {
  start(): void {
    this.set(true);
  }

  close(): Promise<void> {
    this.set(false);
    return Promise.resolve();
  }
}

/** Leadership handed out by hand (tests: a process that never leads, or leaders swapped mid-run). */
export class ManualLeadership extends LeadershipBase {
  start(): void {}

  grant(): void {
    this.set(true);
  }

  revoke(): void {
    this.set(false);
  }

  close(): Promise<void> {
    this.set(false);
    return Promise.resolve();
  }
}
