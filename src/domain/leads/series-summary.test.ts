import { describe, expect, it } from 'vitest';

import { summarizeSeries } from './series-summary';

const cam = (capturedAt?: string, serial = 'SYN7781280') => ({
  make: 'Example Optics',
  model: 'EO-5',
  serial,
  ...(capturedAt ? { capturedAt } : {}),
});

describe('series summary', () => {
  it('counts categories in scheme order with uncategorized last', () => {
    const s = summarizeSeries(
      [{ category: 1 }, { category: 1 }, { category: null }, { category: 4 }],
      [0, 1, 2, 3, 4],
    );
    expect(s.categoryCounts).toEqual([
      { value: 0, count: 0 },
      { value: 1, count: 2 },
      { value: 2, count: 0 },
      { value: 3, count: 0 },
      { value: 4, count: 1 },
      { value: null, count: 1 },
    ]);
  });

  it('groups cameras by make, model and serial, most images first', () => {
    const s = summarizeSeries(
      [
        { category: null, exif: cam() },
        { category: null, exif: cam(undefined, 'SYN4847092') },
        { category: null, exif: cam() },
        { category: null, exif: { software: 'Editor' } },
        { category: null },
      ],
      [],
    );
    expect(s.cameras).toEqual([
      { camera: 'Example Optics EO-5', serial: 'SYN7781280', count: 2 },
      { camera: 'Example Optics EO-5', serial: 'SYN4847092', count: 1 },
    ]);
  });

  it('bins capture times over the span, first and last included, ignoring unreadable times', () => {
    const s = summarizeSeries(
      [
        { category: null, exif: cam('2016-10-16T11:05:44') },
        { category: null, exif: cam('2016-10-16T11:09:44') },
        { category: null, exif: cam('2016-10-16T11:05:44') },
        { category: null, exif: cam('not a time') },
        { category: null },
      ],
      [],
      4,
    );
    expect(s.dated).toBe(3);
    expect(s.timeline).toEqual({
      first: '2016-10-16T11:05:44',
      last: '2016-10-16T11:09:44',
      bins: [2, 0, 0, 1],
    });
    expect(summarizeSeries([{ category: null }], []).timeline).toBeNull();
  });
});
