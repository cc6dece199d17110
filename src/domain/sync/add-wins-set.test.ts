import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { add, applyOp, emptySet, has, members, observed, remove, type SetOp } from './add-wins-set';

describe('add-wins set (series membership)', () => {
  it('a concurrent add survives a remove that did not see it', () => {
    const base = add(emptySet(), 'img1', 't1');
    const anaRemoves: SetOp = { kind: 'remove', element: 'img1', observed: observed(base, 'img1') };
    const benAdds: SetOp = { kind: 'add', element: 'img1', tag: 't2' };
    expect(has(applyOp(applyOp(base, anaRemoves), benAdds), 'img1')).toBe(true);
    expect(has(applyOp(applyOp(base, benAdds), anaRemoves), 'img1')).toBe(true);
  });

  it('a remove that saw every add removes the element', () => {
    const s = add(add(emptySet(), 'img1', 't1'), 'img1', 't2');
    expect(has(remove(s, 'img1', observed(s, 'img1')), 'img1')).toBe(false);
  });

  it('converges whatever order concurrent operations arrive in', () => {
    // Each op is made against the same base state (concurrent), then applied in two random orders.
    const base = add(add(emptySet(), 'a', 'base-a'), 'b', 'base-b');
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        element: fc.constantFrom('a', 'b', 'c'),
        tag: fc.uuid(),
      }),
      fc
        .constantFrom('a', 'b', 'c')
        .map((element): SetOp => ({ kind: 'remove', element, observed: observed(base, element) })),
    );
    fc.assert(
      fc.property(
        fc
          .array(op, { maxLength: 12 })
          .chain((ops) => fc.tuple(fc.constant(ops), fc.shuffledSubarray(ops, { minLength: ops.length }))),
        ([ops, shuffled]) => {
          const one = ops.reduce(applyOp, base);
          const two = shuffled.reduce(applyOp, base);
          expect(members(two)).toEqual(members(one));
        },
      ),
    );
  });
});
