/**
 * Conflict rules for synced fields, one pure decision per kind of data (docs/SYNC.md). The server
 * runs them in its push transaction, in server order; the client runs the same rules to predict the
 * outcome of its optimistic writes. Client clocks never decide anything.
 *
 * | rule           | used for                               | on concurrent writes                              |
 * |----------------|----------------------------------------|---------------------------------------------------|
 * | last-writer    | titles, names, status, flags           | the later write in server order wins              |
 * | base-version   | category, victim identified            | a stale base version is a conflict to show        |
 * | immutable      | hashes, dimensions, links, history     | first value stays; a different one rejected       |
 * | membership     | the series an image is in              | a move applies only from where the mover saw it   |
 */
export const FieldRule = {
  lastWriter: 'last-writer',
  baseVersion: 'base-version',
  immutable: 'immutable',
  membership: 'membership',
} as const;
export type FieldRule = (typeof FieldRule)[keyof typeof FieldRule];

/** The rules decideField decides alone (membership needs what the writer saw: see decide-write.ts). */
export type ScalarFieldRule = Exclude<FieldRule, 'membership'>;

export interface Versioned<T> {
  readonly value: T;
  /** Bumped by the server on every applied write to this field. */
  readonly version: number;
}

export interface FieldWrite<T> {
  readonly value: T;
  /** The version the writer saw; required by the base-version rule. */
  readonly baseVersion?: number;
}

export type FieldDecision<T> =
  | { readonly kind: 'apply'; readonly next: Versioned<T> }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'conflict'; readonly current: Versioned<T>; readonly proposed: T }
  | { readonly kind: 'reject'; readonly reason: 'immutable' | 'base-version-required' };

export function decideField<T>(
  rule: ScalarFieldRule,
  current: Versioned<T> | undefined,
  write: FieldWrite<T>,
  equals: (a: T, b: T) => boolean = Object.is,
): FieldDecision<T> {
  if (current === undefined) return { kind: 'apply', next: { value: write.value, version: 1 } };
  if (equals(current.value, write.value)) return { kind: 'unchanged' };
  switch (rule) {
    case 'immutable':
      return { kind: 'reject', reason: 'immutable' };
    case 'base-version':
      if (write.baseVersion === undefined) return { kind: 'reject', reason: 'base-version-required' };
      if (write.baseVersion !== current.version) return { kind: 'conflict', current, proposed: write.value };
      return { kind: 'apply', next: { value: write.value, version: current.version + 1 } };
    case 'last-writer':
      return { kind: 'apply', next: { value: write.value, version: current.version + 1 } };
  }
}
