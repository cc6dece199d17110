import { describe, expect, it } from 'vitest';

import { formatInstant, formatInstantDate, formatWallClock } from './format-time';

describe('formatInstant', () => {
  it('shows an instant in the analyst’s zone, not the UTC digits of the string', () => {
    const iso = '2026-11-29T23:30:00.000Z';
    expect(formatInstant(iso, 'en', { timeZone: 'UTC' })).toBe('Nov 29, 2026, 23:30');
    expect(formatInstant(iso, 'en', { timeZone: 'Europe/Paris' })).toBe('Nov 30, 2026, 00:30');
    expect(formatInstant(iso, 'fr', { timeZone: 'America/Bogota' })).toBe('29 nov. 2026, 18:30');
    expect(formatInstantDate(iso, 'es', { timeZone: 'Asia/Tokyo' })).toBe('30 nov 2026');
  });

  it('leaves what is not a time as it is', () => {
    expect(formatInstant('soon', 'en')).toBe('soon');
  });
});

describe('formatWallClock', () => {
  it('formats a camera clock as written, whatever the analyst’s zone', () => {
    expect(formatWallClock('2019-07-04T09:05:30', 'en')).toBe('Jul 4, 2019, 09:05:30');
    expect(formatWallClock('2019-07-04T09:05:30', 'fr')).toBe('4 juil. 2019, 09:05:30');
    expect(formatWallClock('2019-07-04', 'es')).toBe('4 jul 2019');
    expect(formatWallClock('2019-07-04T09:05:30', 'ar')).toBe(
      new Intl.DateTimeFormat('ar', {
        dateStyle: 'medium',
        timeStyle: 'medium',
        hourCycle: 'h23',
        timeZone: 'UTC',
      }).format(Date.UTC(2019, 6, 4, 9, 5, 30)),
    );
  });

  it('leaves an unexpected value as it is', () => {
    expect(formatWallClock('4 July', 'en')).toBe('4 July');
  });
});
