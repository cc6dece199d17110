import { readFileSync } from 'node:fs';

import exifr from 'exifr';
import { describe, expect, it } from 'vitest';

import { corpusPath } from '../../../test/corpus';
import { cleanSerial, exifDate, summarizeExif, type ExifSummary } from './exif-summary';
import { EXIFR_OPTIONS } from './exifr-options';
import { makerNoteSerialFromJpeg } from './maker-note-serial';

interface Expected {
  file: string;
  make: string | null;
  model: string | null;
  datetime_original: string | null;
  create_date: string | null;
  gps: { lat: number; lon: number } | null;
  serials: Record<string, string> | null;
  orientation: number | null;
}

const expected = (
  JSON.parse(readFileSync(corpusPath('exif', 'expected_exif.json'), 'utf8')) as { files: Expected[] }
).files;

/** The same steps as the worker: exifr with the app's options, plus the maker-note serial. */
async function read(path: string): Promise<ExifSummary> {
  const bytes = new Uint8Array(readFileSync(path));
  const raw = ((await exifr.parse(bytes, EXIFR_OPTIONS)) ?? {}) as Record<string, unknown>;
  return summarizeExif(raw, makerNoteSerialFromJpeg(bytes));
}

/** Expected serial: the EXIF body serial when the file has one, else a maker-note one, cleaned. */
function expectedSerial(serials: Expected['serials']): string | undefined {
  if (!serials) return undefined;
  const exif = serials['ExifIFD:SerialNumber'];
  return cleanSerial(exif ?? Object.values(serials)[0]);
}

describe('summarizeExif on real camera files (expected values from exiftool)', () => {
  it.each(expected.map((e) => [e.file, e] as const))('%s', async (file, e) => {
    const summary = await read(corpusPath('exif', file));
    expect(summary.make).toBe(e.make ?? undefined);
    expect(summary.model).toBe(e.model ?? undefined);
    expect(summary.capturedAt).toBe(exifDate(e.datetime_original) ?? exifDate(e.create_date));
    if (e.gps) {
      expect(summary.gps?.lat).toBeCloseTo(e.gps.lat, 5);
      expect(summary.gps?.lon).toBeCloseTo(e.gps.lon, 5);
    } else expect(summary.gps).toBeUndefined();
    expect(summary.serial).toBe(expectedSerial(e.serials));
    expect(summary.orientation).toBe(e.orientation ?? undefined);
  });

  it('reads the D70s body serial from EXIF and would fall back to the maker note without it', async () => {
    expect((await read(corpusPath('exif', 'test_Nikon_D70s_gps_87_OSError.jpg'))).serial).toBe('-1000f46');
    expect(summarizeExif({}, 'NO= -1000f46        ').serial).toBe('-1000f46');
  });

  it.each(['corrupt_exif.jpg', 'exif_ifd_loop.jpg', 'exif_bad_segment_length.jpg', 'random_bytes.jpg'])(
    'fails soft on bad/%s',
    async (file) => {
      await expect(read(corpusPath('bad', file))).resolves.toBeTypeOf('object');
    },
  );
});

describe('normalizing helpers', () => {
  it('drops junk', () => {
    expect(exifDate('0000:00:00 00:00:00')).toBeUndefined();
    expect(exifDate('2008:05:30 15:56:01')).toBe('2008-05-30T15:56:01');
    expect(cleanSerial('   ')).toBeUndefined();
    expect(cleanSerial('0000000')).toBeUndefined();
    expect(summarizeExif({ Make: '  ', latitude: 200, longitude: 1, Orientation: 9 })).toEqual({});
  });
});
