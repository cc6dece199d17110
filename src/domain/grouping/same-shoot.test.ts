import { describe, expect, it } from 'vitest';

import { suggestSameShoot } from './same-shoot';

describe('suggestSameShoot', () => {
  it('links consecutive photos of one camera within the window, with a reason', () => {
    const links = suggestSameShoot(
      [
        {
          id: 'a',
          make: 'Example Optics',
          model: 'EO-5',
          serial: 'SYN1',
          capturedAt: '2016-10-16T11:05:44Z',
        },
        {
          id: 'c',
          make: 'Example Optics',
          model: 'EO-5',
          serial: 'SYN1',
          capturedAt: '2016-10-16T11:09:44Z',
        },
        {
          id: 'b',
          make: 'Example Optics',
          model: 'EO-5',
          serial: 'SYN1',
          capturedAt: '2016-10-16T11:07:44Z',
        },
        {
          id: 'late',
          make: 'Example Optics',
          model: 'EO-5',
          serial: 'SYN1',
          capturedAt: '2016-10-16T15:00:00Z',
        },
        {
          id: 'other',
          make: 'Example Optics',
          model: 'EO-5',
          serial: 'SYN2',
          capturedAt: '2016-10-16T11:06:00Z',
        },
        { id: 'notime', serial: 'SYN1' },
      ],
      { withinMinutes: 10 },
    );
    expect(links.map(({ a, b, reason, minutesApart }) => ({ a, b, reason, minutesApart }))).toEqual([
      { a: 'a', b: 'b', reason: 'same-serial', minutesApart: 2 },
      { a: 'b', b: 'c', reason: 'same-serial', minutesApart: 2 },
    ]);
    expect(links[0]?.explanation).toBe('Same camera (serial SYN1), 2 min apart');
  });

  it('falls back to make and model without serials, and ignores cameras it cannot tell apart', () => {
    const links = suggestSameShoot(
      [
        { id: 'x', make: 'Canon', model: 'EOS 5D', capturedAt: '2020-01-01T10:00:00Z' },
        { id: 'y', make: 'canon', model: 'eos 5d', capturedAt: '2020-01-01T10:03:00Z' },
        { id: 'z', make: 'Canon', capturedAt: '2020-01-01T10:01:00Z' },
      ],
      { withinMinutes: 5 },
    );
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ a: 'x', b: 'y', reason: 'same-make-model', minutesApart: 3 });
  });
});
