/**
 * A bounded undo stack of inverse operations. Each entry is what to apply to get back to the state
 * before the change (the repositories return exactly that), so undo is "apply the top entry".
 */
export class UndoStack<T> {
  private readonly entries: T[] = [];
  constructor(private readonly limit = 200) {}

  push(entry: T): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
  }

  pop(): T | undefined {
    return this.entries.pop();
  }

  get size(): number {
    return this.entries.length;
  }
}
