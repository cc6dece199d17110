import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { gcra, type Limit } from './login-throttle';

const limit: Limit = { burst: 5, intervalMs: 180_000 };

describe('gcra', () => {
  it.each([
    ['a fresh bucket lets an attempt through', 0, 1_000_000, 0],
    [
      'a bucket full to the burst makes the next attempt wait one interval',
      1_000_000 + 5 * 180_000,
      1_000_000,
      180_000,
    ],
    ['a bucket one interval short of full lets it through', 1_000_000 + 4 * 180_000, 1_000_000, 0],
    ['an old bucket (its time has passed) is as good as fresh', 5, 1_000_000, 0],
  ])('%s', (_name, tat, now, wait) => {
    expect(gcra(tat, now, limit).waitMs).toBe(wait);
  });

  it('lets exactly `burst` attempts through at once, then one per interval, and never asks for more than one interval', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 600_000 }),
        fc.array(fc.integer({ min: 0, max: 400_000 }), { minLength: 1, maxLength: 300 }),
        (burst, intervalMs, gaps) => {
          const l = { burst, intervalMs };
          let tat = 0;
          let now = 1_000_000_000;
          const start = now;
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            const decision = gcra(tat, now, l);
            expect(decision.waitMs).toBeLessThanOrEqual(intervalMs);
            if (decision.waitMs === 0) {
              allowed++;
              tat = decision.next;
            } else expect(decision.next).toBe(tat);
          }
          // Never more than the burst plus one per interval elapsed.
          expect(allowed).toBeLessThanOrEqual(burst + Math.floor((now - start) / intervalMs));
        },
      ),
    );
  });
});
