import { describe, expect, it } from 'vitest';

import { decideField, type FieldDecision, type ScalarFieldRule, type Versioned } from './field-rules';

const at = (value: string | number | null, version: number): Versioned<string | number | null> => ({
  value,
  version,
});

describe('decideField', () => {
  it.each<
    [
      ScalarFieldRule,
      Versioned<string | number | null> | undefined,
      { value: string | number | null; baseVersion?: number },
      FieldDecision<string | number | null>,
    ]
  >([
    ['last-writer', undefined, { value: 'Series A' }, { kind: 'apply', next: at('Series A', 1) }],
    [
      'last-writer',
      at('Series A', 3),
      { value: 'Beach series' },
      { kind: 'apply', next: at('Beach series', 4) },
    ],
    ['last-writer', at('Series A', 3), { value: 'Series A' }, { kind: 'unchanged' }],
    ['base-version', at(null, 2), { value: 1, baseVersion: 2 }, { kind: 'apply', next: at(1, 3) }],
    [
      'base-version',
      at(1, 3),
      { value: 2, baseVersion: 2 },
      { kind: 'conflict', current: at(1, 3), proposed: 2 },
    ],
    ['base-version', at(1, 3), { value: 1, baseVersion: 1 }, { kind: 'unchanged' }],
    ['base-version', at(1, 3), { value: 2 }, { kind: 'reject', reason: 'base-version-required' }],
    ['immutable', undefined, { value: 'abc' }, { kind: 'apply', next: at('abc', 1) }],
    ['immutable', at('abc', 1), { value: 'abc' }, { kind: 'unchanged' }],
    ['immutable', at('abc', 1), { value: 'abd' }, { kind: 'reject', reason: 'immutable' }],
  ])('%s: %j + %j -> %j', (rule, current, write, expected) => {
    expect(decideField(rule, current, write)).toEqual(expected);
  });
});
