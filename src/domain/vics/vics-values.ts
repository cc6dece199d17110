/**
 * Lenient readers for the field values real VICS files carry: booleans as strings, .NET `/Date(ms)/`,
 * US `M/d/yyyy h:mm:ss tt` dates, upper-case hashes, numbers as strings. Each returns `undefined` for
 * "absent" and a `{ bad }` marker for "present but unreadable" (the kind expected and the value found),
 * so the caller can warn with a reason.
 */
import type { JsonValue } from './json-stream';

/** What a field was expected to hold: the closed set a field-unreadable problem names. */
export type ValueKind = 'text' | 'boolean' | 'integer' | 'date' | CryptoHashName;

export interface Bad {
  /** The kind of value the field should hold. */
  readonly bad: ValueKind;
  /** The value found, as JSON, cut short. */
  readonly found: string;
}
export type Read<T> = T | undefined | Bad;

export function isBad<T>(value: Read<T>): value is Bad {
  return typeof value === 'object' && value !== null && 'bad' in value;
}

const describe = (value: JsonValue): string => {
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

export function readString(value: JsonValue | undefined): Read<string> {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.length ? value : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return { bad: 'text', found: describe(value) };
}

const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n', '']);

export function readBoolean(value: JsonValue | undefined): Read<boolean> {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
  }
  return { bad: 'boolean', found: describe(value) };
}

/** A whole number (VICS writes Category, MediaID and sizes as numbers, sometimes as strings). */
export function readInteger(value: JsonValue | undefined): Read<number> | null {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
  if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
  if (typeof value === 'string' && value.trim() === '') return null;
  return { bad: 'integer', found: describe(value) };
}

const HEX_LENGTH = { md5: 32, sha1: 40, sha256: 64 } as const;
export type CryptoHashName = keyof typeof HEX_LENGTH;
const HEX = /^[0-9a-f]+$/;

/** A hex digest, lower-cased; hashes are compared lower-case everywhere in Waymark. */
export function readHexHash(value: JsonValue | undefined, name: CryptoHashName): Read<string> {
  const s = readString(value);
  if (s === undefined || isBad(s)) return s;
  const hex = s.trim().toLowerCase();
  if (hex === '') return undefined;
  if (hex.length === HEX_LENGTH[name] && HEX.test(hex)) return hex;
  return { bad: name, found: describe(value ?? null) };
}

export function normalizeHexHash(value: string, name: CryptoHashName): string | null {
  const hex = value.trim().toLowerCase();
  return hex.length === HEX_LENGTH[name] && HEX.test(hex) ? hex : null;
}

const DOTNET = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?Z?$/;

/**
 * A date as ISO-8601 (UTC). Accepts ISO-8601, `/Date(ms)/` (offset ignored: ms are UTC already) and
 * `M/d/yyyy h:mm:ss tt` (no zone: read as UTC, as .NET exporters write local times without one).
 */
export function readDate(value: JsonValue | undefined): Read<string> {
  const s = readString(value);
  if (s === undefined || isBad(s)) return s;
  const text = s.trim();
  const dotnet = DOTNET.exec(text);
  if (dotnet) return isoOrBad(Number(dotnet[1]), value);
  const us = US_DATE.exec(text);
  if (us) {
    const [, mo, d, y, h = '0', mi = '0', sec = '0', ampm] = us;
    let hour = Number(h);
    if (ampm) {
      if (hour < 1 || hour > 12) return { bad: 'date', found: describe(value ?? null) };
      hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
    }
    const month = Number(mo);
    const day = Number(d);
    const ms = Date.UTC(Number(y), month - 1, day, hour, Number(mi), Number(sec));
    const check = new Date(ms);
    if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23)
      return { bad: 'date', found: describe(value ?? null) };
    return isoOrBad(ms, value);
  }
  if (ISO.test(text)) {
    // "…+00:00Z" (an offset and a Z) appears in real exports; the offset wins.
    // No zone at all: read as UTC, so the result does not depend on the machine's time zone.
    const cleaned = /[+-]\d{2}:?\d{2}Z$/.test(text) ? text.slice(0, -1) : text;
    const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(cleaned.slice(10)) ? cleaned : `${cleaned}Z`;
    return isoOrBad(Date.parse(cleaned.length === 10 ? `${cleaned}T00:00:00Z` : zoned), value);
  }
  return { bad: 'date', found: describe(value ?? null) };
}

function isoOrBad(ms: number, value: JsonValue | undefined): Read<string> {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return { bad: 'date', found: describe(value ?? null) };
  return new Date(ms).toISOString();
}
