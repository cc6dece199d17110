import { describe, expect, it } from 'vitest';

import { RefreshBudget } from './refresh-budget';

describe('RefreshBudget', () => {
  it('lets the first refresh run at once, then waits nine times its cost at a 10 % share', async () => {
    let now = 1000;
    const budget = new RefreshBudget(0.1, () => now);
    expect(budget.wait()).toBe(0);
    await budget.spend(() => {
      now += 30;
      return Promise.resolve();
    });
    expect(budget.wait()).toBe(270);
    now += 200;
    expect(budget.wait()).toBe(70);
    now += 70;
    expect(budget.wait()).toBe(0);
  });

  it('measures a refresh that fails too', async () => {
    let now = 0;
    const budget = new RefreshBudget(0.5, () => now);
    await expect(
      budget.spend(() => {
        now += 40;
        return Promise.reject(new Error('disk full'));
      }),
    ).rejects.toThrow('disk full');
    expect(budget.wait()).toBe(40);
  });
});
