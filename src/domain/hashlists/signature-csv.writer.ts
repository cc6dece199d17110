/**
 * A signature list for partners as CSV: `md5,sha1,sha256,pdq,category`, one line per item. Only
 * hashes and the category leave: no paths, names, labels, series or images (the Baseline rule).
 * The CSV list parser reads it back.
 */
import type { SignatureRecord } from '../vics/vics-writer';

export const SIGNATURE_CSV_HEADER = 'md5,sha1,sha256,pdq,category';

export function* signatureCsvChunks(records: Iterable<SignatureRecord>): Generator<string> {
  yield `${SIGNATURE_CSV_HEADER}\n`;
  for (const r of records) {
    // Every field is hex or a number by construction; nothing needs quoting.
    const category = r.category === undefined || r.category === null ? '' : String(r.category);
    yield `${r.md5?.toLowerCase() ?? ''},${r.sha1?.toLowerCase() ?? ''},${r.sha256?.toLowerCase() ?? ''},${r.pdq ?? ''},${category}\n`;
  }
}

export function writeSignatureCsv(records: Iterable<SignatureRecord>): string {
  return [...signatureCsvChunks(records)].join('');
}
