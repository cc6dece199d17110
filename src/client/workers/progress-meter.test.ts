import { describe, expect, it } from 'vitest';

import { ProgressMeter } from './progress-meter';

describe('ProgressMeter', () => {
  it('reports counts, rates and an ETA from the byte rate', () => {
    let t = 0;
    const meter = new ProgressMeter(() => t);
    meter.add(4, 4_000_000);
    expect(meter.snapshot().etaSeconds).toBeNull();
    t = 2000;
    meter.done(1_000_000);
    const s = meter.snapshot();
    expect(s).toMatchObject({ filesDone: 1, filesTotal: 4, bytesDone: 1_000_000, elapsedSeconds: 2 });
    expect(s.filesPerSecond).toBeCloseTo(0.5);
    expect(s.bytesPerSecond).toBeCloseTo(500_000);
    expect(s.etaSeconds).toBeCloseTo(6);
  });

  it('falls back to the file rate for empty files, and ends at zero', () => {
    let t = 0;
    const meter = new ProgressMeter(() => t);
    meter.add(3, 0);
    t = 1000;
    meter.done(0);
    expect(meter.snapshot().etaSeconds).toBeCloseTo(2);
    meter.drop(2, 0);
    expect(meter.snapshot()).toMatchObject({ filesTotal: 1, etaSeconds: 0 });
  });
});
