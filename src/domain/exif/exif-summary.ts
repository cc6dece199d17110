/**
 * What Waymark keeps of a file's EXIF: the fields that link images across seizures (camera make,
 * model, body and lens serials), place them in time and space, and flag tampering hints. The
 * normalizer is pure: the worker reads raw tags with exifr (and the maker-note serial with
 * maker-note-serial.ts) and hands them here. Junk (empty strings, zero dates, impossible GPS) is dropped.
 */
export interface ExifSummary {
  readonly make?: string;
  readonly model?: string;
  /** The camera body serial: EXIF `BodySerialNumber`/`SerialNumber`, else a maker-note serial. */
  readonly serial?: string;
  readonly lensSerial?: string;
  /** Capture time as written by the camera, `YYYY-MM-DDTHH:MM:SS` with no zone (EXIF has none). */
  readonly capturedAt?: string;
  readonly gps?: { readonly lat: number; readonly lon: number };
  readonly software?: string;
  readonly orientation?: number;
  /** The embedded (IFD1) thumbnail shows a different picture than the main image (edited after capture?). */
  readonly embeddedThumbnailDiffers?: boolean;
}

/** exifr's merged output with `reviveValues: false` (dates stay "YYYY:MM:DD HH:MM:SS" strings). */
export type RawExif = Readonly<Record<string, unknown>>;

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Some cameras pad with NULs or spaces, or write placeholder text.
  const cleaned = value.replace(/\0+/g, ' ').replace(/\s+/g, ' ').trim();
  return cleaned.length > 0 ? cleaned : undefined;
}

/** Serials as cameras write them, without labels ("NO= 3054123" -> "3054123") or padding. */
export function cleanSerial(value: unknown): string | undefined {
  const raw = text(typeof value === 'number' ? String(value) : value);
  if (raw === undefined) return undefined;
  const cleaned = raw.replace(/^(NO|S\/N|SN)\s*[=:]\s*/i, '').trim();
  return cleaned.length > 0 && !/^0+$/.test(cleaned) ? cleaned : undefined;
}

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

/** "2008:05:30 15:56:01" -> "2008-05-30T15:56:01"; zero or impossible dates -> undefined. */
export function exifDate(value: unknown): string | undefined {
  const match = typeof value === 'string' ? EXIF_DATE.exec(value.trim()) : null;
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`;
}

function gps(raw: RawExif): ExifSummary['gps'] {
  const lat = raw.latitude;
  const lon = raw.longitude;
  if (typeof lat !== 'number' || typeof lon !== 'number') return undefined;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return undefined;
  return { lat, lon };
}

export function summarizeExif(raw: RawExif, makerNoteSerial?: string): ExifSummary {
  const orientation = raw.Orientation;
  const entries: [keyof ExifSummary, unknown][] = [
    ['make', text(raw.Make)],
    ['model', text(raw.Model)],
    [
      'serial',
      cleanSerial(raw.BodySerialNumber) ?? cleanSerial(raw.SerialNumber) ?? cleanSerial(makerNoteSerial),
    ],
    ['lensSerial', cleanSerial(raw.LensSerialNumber)],
    ['capturedAt', exifDate(raw.DateTimeOriginal) ?? exifDate(raw.CreateDate)],
    ['gps', gps(raw)],
    ['software', text(raw.Software)],
    [
      'orientation',
      typeof orientation === 'number' && Number.isInteger(orientation) && orientation >= 1 && orientation <= 8
        ? orientation
        : undefined,
    ],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

/** True when nothing worth keeping was found (no record is stored then). */
export function isEmptyExif(summary: ExifSummary): boolean {
  return Object.keys(summary).length === 0;
}
