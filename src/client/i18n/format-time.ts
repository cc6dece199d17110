import type { LanguageCode } from './languages';

/**
 * Times as an analyst reads them, through Intl in their language. Two kinds of time cross the app:
 *
 * - Instants (ISO strings with `Z`, written by this app or the server): shown in the analyst's own
 *   time zone — never the UTC digits cut out of the string.
 * - Wall-clock times with no zone (EXIF `DateTimeOriginal`, a camera's clock; `YYYY-MM-DD` dates a
 *   person typed): shown as written, only formatted. Moving them into the analyst's zone would
 *   invent an offset the camera never recorded.
 *
 * `timeZone` is for tests (and for the rare screen where UTC is the point, such as an audit log).
 */
export interface TimeOptions {
  readonly timeZone?: string;
}

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' };
const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
const FLOATING = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** "29 Nov 2026, 14:03" in the analyst's zone; the input unchanged if it is not a time. */
export function formatInstant(iso: string, language: LanguageCode, options: TimeOptions = {}): string {
  return format(new Date(iso), language, { ...DATE_TIME, timeZone: options.timeZone }, iso);
}

/** The calendar day of an instant in the analyst's zone ("29 Nov 2026"). */
export function formatInstantDate(iso: string, language: LanguageCode, options: TimeOptions = {}): string {
  return format(new Date(iso), language, { ...DATE, timeZone: options.timeZone }, iso);
}

/** A zone-less "YYYY-MM-DD[THH:mm[:ss]]" as written (a camera clock, a typed date), formatted. */
export function formatWallClock(local: string, language: LanguageCode): string {
  const m = FLOATING.exec(local.trim());
  if (!m) return local;
  const [, y, mo, d, h, mi, s] = m;
  const at = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)),
  );
  // Formatted in UTC because the digits were placed there as written: no zone is applied.
  const style: Intl.DateTimeFormatOptions =
    h === undefined ? DATE : { ...DATE, timeStyle: s === undefined ? 'short' : 'medium', hourCycle: 'h23' };
  return format(at, language, { ...style, timeZone: 'UTC' }, local);
}

function format(
  at: Date,
  language: LanguageCode,
  options: Intl.DateTimeFormatOptions,
  fallback: string,
): string {
  if (Number.isNaN(at.getTime())) return fallback;
  return new Intl.DateTimeFormat(language, options).format(at);
}
