import { describe, expect, it } from 'vitest';

import type { UnitOfWork } from '../../repositories/unit-of-work';
import { DeconflictionService, type MediaChange } from './deconfliction.service';
import { MemoryMatchIndex } from './memory-index';

const hex = (n: number) => n.toString(16).padStart(64, '0');

function mediaChange(caseId: string, n: number, seq: number): MediaChange {
  return {
    entity: 'media',
    caseId,
    id: `${caseId}-m${n}`,
    seq,
    lookUp: true,
    leftSeriesId: null,
    actorId: null,
    data: { seriesId: 'S1', md5: hex(n).slice(-32), sha1: hex(n).slice(-40) },
  };
}

describe('DeconflictionService lookups', () => {
  it('look a large push up in short slices that let the event loop run in between', async () => {
    // No matches here, so no notice is written and the unit of work is never used. A slice of 0 ms
    // yields between every two lookups, whatever this machine's speed.
    const index = new MemoryMatchIndex({} as UnitOfWork);
    const service = new DeconflictionService(
      {} as UnitOfWork,
      index,
      () => new Date(),
      () => undefined,
      0,
    );
    await service.follow(Array.from({ length: 100 }, (_, n) => mediaChange('A', n, n + 1)));
    let otherWorkRan = false;
    const job = service.follow(Array.from({ length: 100 }, (_, n) => mediaChange('B', 1000 + n, 200 + n)));
    setImmediate(() => (otherWorkRan = true)); // e.g. another request's I/O callback
    let ranBeforeTheLookupsEnded = false;
    await job.then(() => (ranBeforeTheLookupsEnded = otherWorkRan));
    expect(await index.size()).toBe(200);
    expect(ranBeforeTheLookupsEnded).toBe(true);
  });
});
