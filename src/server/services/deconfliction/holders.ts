/**
 * Who holds one hash value: index slots grouped by case. Lookups ask for the holders in OTHER cases,
 * so a case holding thousands of copies of one hash costs a lookup from that same case nothing (its
 * group is skipped whole) and cannot crowd other cases out of the bounded answer.
 */
export class Holders {
  private readonly byCase = new Map<string, Set<number>>();

  get empty(): boolean {
    return this.byCase.size === 0;
  }

  add(caseId: string, slot: number): void {
    const slots = this.byCase.get(caseId);
    if (slots) slots.add(slot);
    else this.byCase.set(caseId, new Set([slot]));
  }

  delete(caseId: string, slot: number): void {
    const slots = this.byCase.get(caseId);
    if (!slots) return;
    slots.delete(slot);
    if (slots.size === 0) this.byCase.delete(caseId);
  }

  /**
   * Slots of cases other than `caseId`, case by case; stops when `take` returns false (a bound reached).
   * Returns false when it stopped early.
   */
  forOthers(caseId: string, take: (slot: number) => boolean): boolean {
    for (const [holder, slots] of this.byCase) {
      if (holder === caseId) continue;
      for (const slot of slots) if (!take(slot)) return false;
    }
    return true;
  }
}

/** Hash value -> its holders, created on first add and dropped when the last holder goes. */
export class HolderMap {
  private readonly map = new Map<string, Holders>();

  get(value: string): Holders | undefined {
    return this.map.get(value);
  }

  /** Adds the holder; true when the value is new to the map. */
  add(value: string, caseId: string, slot: number): boolean {
    const holders = this.map.get(value);
    if (holders) {
      holders.add(caseId, slot);
      return false;
    }
    const created = new Holders();
    created.add(caseId, slot);
    this.map.set(value, created);
    return true;
  }

  /** Removes the holder; true when the value has no holder left (and is gone from the map). */
  delete(value: string, caseId: string, slot: number): boolean {
    const holders = this.map.get(value);
    if (!holders) return false;
    holders.delete(caseId, slot);
    if (!holders.empty) return false;
    this.map.delete(value);
    return true;
  }
}
