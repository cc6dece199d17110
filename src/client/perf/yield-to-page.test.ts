import { describe, expect, it } from 'vitest';

import { sliceTimer, yieldToPage } from './yield-to-page';

describe('sliceTimer', () => {
  it('says a slice is done once 12 ms have run since the last one, and not before', () => {
    let now = 0;
    const due = sliceTimer(() => now);
    const said: number[] = [];
    for (now = 0; now <= 40; now += 1) if (due()) said.push(now);
    expect(said).toEqual([12, 24, 36]);
  });
});

describe('yieldToPage', () => {
  it("uses the browser's scheduler.yield when there is one", async () => {
    let calls = 0;
    const g = globalThis as { scheduler?: unknown };
    const before = g.scheduler;
    g.scheduler = { yield: () => (calls++, Promise.resolve()) };
    try {
      await yieldToPage();
      await yieldToPage();
    } finally {
      g.scheduler = before;
    }
    expect(calls).toBe(2);
  });

  it('otherwise yields through a message (a task, not a microtask)', async () => {
    const g = globalThis as { scheduler?: unknown };
    expect(g.scheduler).toBeUndefined();
    const order: string[] = [];
    const yielded = yieldToPage().then(() => order.push('yielded'));
    void Promise.resolve().then(() => order.push('microtask'));
    await yielded;
    expect(order).toEqual(['microtask', 'yielded']);
  });
});
