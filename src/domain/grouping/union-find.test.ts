import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { UnionFind } from './union-find';

describe('UnionFind', () => {
  it('agrees with naive set merging', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 80 }),
        (n, ops) => {
          const uf = new UnionFind(n);
          const label = Array.from({ length: n }, (_, i) => i);
          for (const [x, y] of ops) {
            const a = x % n;
            const b = y % n;
            uf.union(a, b);
            const from = label[b]!;
            const to = label[a]!;
            for (let i = 0; i < n; i++) if (label[i] === from) label[i] = to;
          }
          // Same partition: root <-> label is one-to-one, and sizes agree.
          const labelOfRoot = new Map<number, number>();
          const rootOfLabel = new Map<number, number>();
          for (let i = 0; i < n; i++) {
            const r = uf.find(i);
            const l = label[i]!;
            if ((labelOfRoot.get(r) ?? l) !== l || (rootOfLabel.get(l) ?? r) !== r)
              expect.fail(`item ${i} in the wrong set`);
            labelOfRoot.set(r, l);
            rootOfLabel.set(l, r);
            expect(uf.sizeOf(i)).toBe(label.filter((x) => x === l).length);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('grows and reports already-joined sets', () => {
    const uf = new UnionFind();
    uf.extendTo(100);
    expect(uf.union(3, 99)).not.toBe(-1);
    expect(uf.union(99, 3)).toBe(-1);
    expect(uf.length).toBe(100);
  });
});
