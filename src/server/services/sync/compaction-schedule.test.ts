import { afterEach, describe, expect, it, vi } from 'vitest';

import { scheduleCompaction } from './compaction-schedule';

afterEach(() => {
  vi.useRealTimers();
});

describe('scheduleCompaction', () => {
  it('runs an hour after start, then daily, keeps going after a failure, and stops when cancelled', async () => {
    vi.useFakeTimers();
    const runs: number[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const cancel = scheduleCompaction(
      () => {
        runs.push(Date.now());
        if (fail) {
          fail = false;
          return Promise.reject(new Error('database away'));
        }
        return Promise.resolve();
      },
      { onError: (e) => errors.push(e) },
    );
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(59 * 60_000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toEqual([start + 3_600_000]);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(runs).toHaveLength(2);
    cancel();
    await vi.advanceTimersByTimeAsync(7 * 24 * 3_600_000);
    expect(runs).toHaveLength(2);
  });

  it('does not start a run while the previous one is still going', async () => {
    vi.useFakeTimers();
    let started = 0;
    let finish: () => void = () => undefined;
    const cancel = scheduleCompaction(
      () => {
        started++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      { firstAfterMs: 10, everyMs: 10 },
    );
    await vi.advanceTimersByTimeAsync(50);
    expect(started).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(10);
    expect(started).toBe(2);
    cancel();
  });
});
