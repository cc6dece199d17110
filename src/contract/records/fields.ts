import { z } from 'zod';

import type { SignalType } from '../../domain/signals/signal-type';
import { SIGNALS } from '../../domain/signals/signals';

/**
 * The field types synced records are made of. Every value a browser sends is parsed with one of these
 * on the server (types, formats, ranges, lengths), so a record that reaches another analyst's browser
 * or an export file has exactly the shape its screen and writer expect.
 */

/**
 * A record id: client-made ULIDs, and the server's composite notice ids (`dcf:<case>:<series>:<case>`).
 * A small character set, so an id can never carry markup or a spreadsheet formula into an export.
 */
export const RecordId = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z:._-]{0,127}$/, 'not a record id');

/** Branded in the domain (CaseId, MediaId…): the cast names the brand; the runtime value is the string. */
export const brandedId = <T extends string>() => RecordId as unknown as z.ZodType<T, string>;

/** A series id, or '' for the unsorted bucket (stored as a value so it is indexed). */
export const SeriesRef = <T extends string>() =>
  z.union([z.literal(''), RecordId]) as unknown as z.ZodType<T, string>;

/** A point in time as the app writes it (`Date.prototype.toISOString`, or with an offset). */
export const IsoDateTime = z.iso.datetime({ offset: true });

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = z.iso.date();

/** Text an analyst typed or a file carried, capped; control characters other than tab and newline refused. */
export const Text = (max: number) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'control characters');

/** A non-negative whole number up to `max`. */
export const Count = (max = Number.MAX_SAFE_INTEGER) => z.int().min(0).max(max);

/** A hash value of one signal type, in its canonical (lower-case hex) form. */
export const SignalValue = (type: SignalType) =>
  z.string().refine((v) => SIGNALS[type].isCanonical(v), `not a ${type} value`);

/** A hash that may be unknown ('' : a VICS entry without it, an image whose pixels could not be read). */
export const OptionalSignalValue = (type: SignalType) => z.union([z.literal(''), SignalValue(type)]);
