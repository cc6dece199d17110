/**
 * Messages between the server processes that share one database. A message is only ever a hint: a
 * lost one delays a poke or a wait until the next poll, it never loses data (the change log and the
 * deconfliction cursor in the database are the truth).
 *
 * - `commit`: a transaction added change rows; streams of these users (and the members of these cases;
 *   `caseIds` null: every stream) are poked, and the deconfliction consumer wakes.
 * - `deconflicted`: the deconfliction consumer's cursor reached `cursor`.
 * - `gap`: delivered locally when this process may have missed messages (its listening connection
 *   was lost and came back): listeners catch up from the database.
 */
export type ClusterMessage =
  | {
      readonly type: 'commit';
      readonly latestSeq: number;
      readonly caseIds: readonly string[] | null;
      readonly userIds: readonly string[];
    }
  | { readonly type: 'deconflicted'; readonly cursor: number }
  | { readonly type: 'gap' };

export type ClusterListener = (message: ClusterMessage) => void;

export interface ClusterBus {
  /** Sends to every process, this one included (delivered here at once, in a later microtask). */
  publish(message: ClusterMessage): void;
  subscribe(listener: ClusterListener): () => void;
  close(): Promise<void>;
}

/** Delivers to this process's listeners, each in its own try (one failing listener stops no other). */
export class Listeners {
  private readonly listeners = new Set<ClusterListener>();

  add(listener: ClusterListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  deliver(message: ClusterMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // A listener's failure is its own (they only schedule work); the others still hear.
      }
    }
  }
}

/** One process (SQLite, or tests): publishing is delivering. */
export class LocalBus implements ClusterBus {
  private readonly listeners = new Listeners();

  publish(message: ClusterMessage): void {
    queueMicrotask(() => this.listeners.deliver(message));
  }

  subscribe(listener: ClusterListener): () => void {
    return this.listeners.add(listener);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
