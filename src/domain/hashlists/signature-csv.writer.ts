/**
 * A signature list for partners as CSV: `md5,sha1,sha256,pdq,category`, one line per item. Only
 * hashes and the category leave: no paths, names, labels, series or images (the Baseline rule).
 * The CSV list parser reads it back.
 */
import type { SignalType } from '../signals/signal-type';
import { SIGNALS } from '../signals/signals';
import type { SignatureRecord } from '../vics/vics-writer';

export const SIGNATURE_CSV_HEADER = 'md5,sha1,sha256,pdq,category';

/**
 * One CSV field. Hashes are written only in their canonical hex and categories only as whole numbers,
 * so a value can neither start a spreadsheet formula (`=`, `+`, `-`, `@`) nor break out of its field,
 * whatever a record held; anything else is left empty.
 */
function field(type: SignalType, value: string | undefined): string {
  return value === undefined ? '' : (SIGNALS[type].normalize(value) ?? '');
}

export function* signatureCsvChunks(records: Iterable<SignatureRecord>): Generator<string> {
  yield `${SIGNATURE_CSV_HEADER}\n`;
  for (const r of records) {
    const category = Number.isInteger(r.category) && (r.category as number) >= 0 ? String(r.category) : '';
    yield `${field('md5', r.md5)},${field('sha1', r.sha1)},${field('sha256', r.sha256)},${field('pdq', r.pdq)},${category}\n`;
  }
}

export function writeSignatureCsv(records: Iterable<SignatureRecord>): string {
  return [...signatureCsvChunks(records)].join('');
}
