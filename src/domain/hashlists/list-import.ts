/**
 * Reads a whole list from text chunks into entries, all or nothing: the result is either the entries
 * (with warnings for skipped lines) or one fatal problem and no entries. The app runs this in a worker
 * and reports progress per chunk; the CLI runs it on a file stream.
 */
import type { HashListFormat, ParsedListEntry } from './hash-list';
import {
  createListParser,
  detectListFormat,
  FORMAT_SNIFF_CHARS,
  type ListParser,
  type TextListFormat,
} from './list-format';
import type { ParseIssue } from './stream-parser';

/** Warnings kept in full; beyond this only their number is (a garbage file must not fill memory). */
export const MAX_KEPT_WARNINGS = 200;

export type ListImportResult =
  | {
      readonly ok: true;
      readonly format: HashListFormat;
      readonly schemeId: string | null;
      readonly entries: ParsedListEntry[];
      readonly warnings: ParseIssue[];
      readonly warningCount: number;
    }
  | {
      readonly ok: false;
      readonly format: HashListFormat | null;
      readonly fatal: ParseIssue;
      readonly warnings: ParseIssue[];
      readonly warningCount: number;
    };

export interface ListImportProgress {
  readonly chars: number;
  readonly entries: number;
  readonly warnings: number;
}

export async function importListText(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: { format?: TextListFormat; onProgress?: (p: ListImportProgress) => void } = {},
): Promise<ListImportResult> {
  const entries: ParsedListEntry[] = [];
  const warnings: ParseIssue[] = [];
  let warningCount = 0;
  let chars = 0;
  let head = '';
  let parser: ListParser | null = null;

  const take = (batch: { items: ParsedListEntry[]; warnings: ParseIssue[] }) => {
    for (const e of batch.items) entries.push(e);
    warningCount += batch.warnings.length;
    for (const w of batch.warnings) if (warnings.length < MAX_KEPT_WARNINGS) warnings.push(w);
  };
  // The format is decided once enough of the head has arrived (or the text ended).
  const start = (text: string): ListParser => {
    const p = createListParser(options.format ?? detectListFormat(text));
    take(p.push(text));
    return p;
  };

  for await (const chunk of chunks) {
    chars += chunk.length;
    if (parser) take(parser.push(chunk));
    else {
      head += chunk;
      if (head.length < FORMAT_SNIFF_CHARS) continue;
      parser = start(head);
      head = '';
    }
    if (parser.fatal) break;
    options.onProgress?.({ chars, entries: entries.length, warnings: warningCount });
  }
  parser ??= start(head);
  const format = parser.format;
  const end = parser.fatal ? { items: [], warnings: [], fatal: parser.fatal } : parser.end();
  if (end.fatal) return { ok: false, format, fatal: end.fatal, warnings, warningCount };
  take(end);
  options.onProgress?.({ chars, entries: entries.length, warnings: warningCount });
  if (entries.length === 0) {
    const fatal: ParseIssue =
      warningCount > 0
        ? { code: 'no-usable-entry', skipped: warningCount, line: 1 }
        : { code: 'no-entries', line: 1 };
    return { ok: false, format, fatal, warnings, warningCount };
  }
  return { ok: true, format, schemeId: parser.schemeId, entries, warnings, warningCount };
}
