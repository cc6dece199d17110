import { describe, expect, it } from 'vitest';

import type { BatchOutcome } from '../../db/ingest.repository';
import { RegroupScheduler } from './regroup-scheduler';

const created = { created: [{}], duplicates: 0, failed: 0, skipped: 0 } as unknown as BatchOutcome;
const none: BatchOutcome = { created: [], duplicates: 0, failed: 0, skipped: 0 };

describe('RegroupScheduler', () => {
  it('runs one regrouping at a time, coalesces batches, and always runs after the last one', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const scheduler = new RegroupScheduler(async () => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise((r) => setTimeout(r, 20));
      concurrent--;
      runs++;
    }, 10);
    scheduler.afterBatch(none);
    await scheduler.idle();
    expect(runs).toBe(0);
    for (let i = 0; i < 10; i++) scheduler.afterBatch(created);
    await scheduler.idle();
    expect(maxConcurrent).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(2);
  });
});
