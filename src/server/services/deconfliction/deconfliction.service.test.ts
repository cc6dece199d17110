import { describe, expect, it } from 'vitest';

import type { UnitOfWork } from '../../repositories/unit-of-work';
import type { MediaWrite } from '../sync/sync-writer';
import { DeconflictionService } from './deconfliction.service';

const hex = (n: number) => n.toString(16).padStart(64, '0');

function mediaWrite(caseId: string, n: number, seq: number): MediaWrite {
  return {
    caseId,
    id: `${caseId}-m${n}`,
    seq,
    lookUp: true,
    actor: null,
    state: {
      data: { seriesId: 'S1', md5: hex(n).slice(-32), sha1: hex(n).slice(-40) },
      fieldVersions: {},
      deleted: false,
    },
  };
}

describe('DeconflictionService lookups', () => {
  it('look a large push up in short slices that let the event loop run in between', async () => {
    // No matches here, so no notice is written and the unit of work is never used. A slice of 0 ms
    // yields between every two lookups, whatever this machine's speed.
    const service = new DeconflictionService(
      {} as UnitOfWork,
      () => new Date(),
      () => undefined,
      0,
    );
    await service.afterCommit(Array.from({ length: 100 }, (_, n) => mediaWrite('A', n, n + 1)));
    let otherWorkRan = false;
    const job = service.afterCommit(
      Array.from({ length: 100 }, (_, n) => mediaWrite('B', 1000 + n, 200 + n)),
    );
    setImmediate(() => (otherWorkRan = true)); // e.g. another request's I/O callback
    let ranBeforeTheLookupsEnded = false;
    await job.then(() => (ranBeforeTheLookupsEnded = otherWorkRan));
    expect(service.index.size).toBe(200);
    expect(ranBeforeTheLookupsEnded).toBe(true);
  });
});
