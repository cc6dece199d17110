import Dexie from 'dexie';

/**
 * The ids of this database's team cases, in memory, so the outbox middleware decides per write without
 * reading anything: with no team case at all it returns at once (local-only work costs nothing).
 *
 * Loaded from the `team` flag of case records when the database opens; kept current by share,
 * bootstrap and revoke in this tab, and reloaded when another tab changes the cases table (Dexie
 * propagates `storagemutated` between tabs), so a case another tab just received is tracked here too.
 */
export class TeamCases {
  private readonly ids = new Set<string>();

  get size(): number {
    return this.ids.size;
  }

  has(caseId: string): boolean {
    return this.ids.has(caseId);
  }

  add(caseId: string): void {
    this.ids.add(caseId);
  }

  delete(caseId: string): void {
    this.ids.delete(caseId);
  }

  list(): string[] {
    return [...this.ids];
  }

  /** Replaces the set by what the case records say. */
  async load(db: Dexie): Promise<void> {
    const cases = (await db.table('cases').toArray()) as { id: string; team?: boolean }[];
    this.ids.clear();
    for (const c of cases) if (c.team === true) this.ids.add(c.id);
  }

  /** Keeps the set in step with case records changed by other tabs (and this one); ends when the db is closed. */
  watch(db: Dexie): () => void {
    const prefix = `idb://${db.name}/cases/`;
    const onMutated = (parts: Record<string, unknown>): void => {
      if (db.hasBeenClosed()) {
        unsubscribe();
        return;
      }
      if (!db.isOpen()) return;
      if (Object.keys(parts).some((k) => k.startsWith(prefix))) void this.load(db).catch(() => undefined);
    };
    const unsubscribe = (): void => Dexie.on.storagemutated.unsubscribe(onMutated);
    Dexie.on('storagemutated', onMutated);
    return unsubscribe;
  }
}
