/**
 * What can be wrong in a hash list, a vPDQ hash file or a VICS file: a closed set of codes, each with
 * its typed parameters (values quoted from the file, counts, field names). The domain never words a
 * problem: the app words each code in the analyst's language (client/i18n/list-problem-text.ts), the
 * CLI in English (cli/matching/list-problem-english.ts), and both are a compile error until a new
 * code is worded. Parameters are text or numbers only, so a problem crosses a worker boundary as is.
 */
import type { JsonSyntax } from '../vics/json-stream';
import type { ValueKind } from '../vics/vics-values';

/** The hash columns a list can carry (a value quoted with one of these names is not a valid digest). */
export type ListHashName = 'md5' | 'sha1' | 'sha256' | 'pdq';

/** The numeric fields of a vPDQ frame line (named as the reference format names them). */
export type VpdqLineField = 'frame' | 'quality' | 'timestamp';

/** What a JSON value turned out to be where an object was expected. */
export type JsonKind = 'array' | 'string' | 'number' | 'boolean' | 'null';

/** Each code and its parameters: the one definition of the set. */
export interface ListProblemParams {
  // Fatal: the file is refused whole.
  /** A line longer than any list line: a binary or a wrong file. */
  'line-too-long': { readonly maxChars: number };
  /** A CSV quoted field opened on the problem's line runs to the end of the file. */
  'quote-not-closed': object;
  /** A CSV with no line naming a hash column (md5, sha1, sha256, pdq). */
  'no-header': object;
  /** The first CSV line names no hash column and is not all digests either. */
  'not-a-header': { readonly text: string };
  /** Nothing but blank lines and comments. */
  'no-entries': object;
  /** Entries there were, but every one was skipped (the warnings say why). */
  'no-usable-entry': { readonly skipped: number };
  /** A VICS file that is not JSON: where it breaks and how. */
  'not-json': { readonly syntax: JsonSyntax; readonly text: string };
  /** JSON whose root is not an object. */
  'vics-not-object': object;
  /** A JSON object without the `value` list VICS puts its cases or media in. */
  'vics-no-value-list': object;

  // Warnings: an entry skipped or a field dropped; the import goes on.
  /** A hash column whose value is not a digest of that hash. */
  'bad-hash': { readonly hash: ListHashName; readonly value: string };
  /** A PDQ quality that is not a whole number from 0 to 100 (the field is dropped). */
  'bad-quality': { readonly value: string };
  /** A category that is not a number (the field is dropped). */
  'bad-category': { readonly value: string };
  /** An entry with no usable hash at all (the entry is skipped). */
  'no-hash': object;
  /** A PDQ list line that does not start with a 64-digit hash (skipped). */
  'not-pdq-line': { readonly text: string };
  // vPDQ hash files: one unreadable frame line fails that file (that video), never the rest of a list.
  /** A vPDQ line without the 3 or 4 comma-separated fields of `frame,quality,pdqHex[,timestamp]`. */
  'frame-line-fields': { readonly found: number; readonly text: string };
  /** A vPDQ frame number, quality or timestamp that is not a number. */
  'frame-bad-number': { readonly field: VpdqLineField; readonly value: string };
  /** A vPDQ frame hash that is not 64 hex digits. */
  'frame-bad-hash': { readonly value: string };
  /** A vPDQ frame whose quality is over 100. */
  'frame-quality-over-100': { readonly quality: number };
  /** A VICS case whose `Media` is not a list. */
  'case-media-not-list': { readonly caseNumber: number };
  /** A VICS case whose `TotalMediaFiles` is not a number. */
  'case-total-unreadable': { readonly caseNumber: number; readonly found: string };
  /** A VICS case whose `TotalMediaFiles` disagrees with its records (the records win). */
  'case-total-mismatch': { readonly caseNumber: number; readonly declared: number; readonly found: number };
  /** An `@odata.context` naming no known VICS data model (read as 2.0). */
  'unknown-data-model': { readonly context: string };
  /** No `@odata.context` / `odata.metadata` header (read as VICS anyway). */
  'no-data-model': object;
  /** A VICS media record that is not an object (skipped). */
  'entry-not-object': { readonly found: JsonKind };
  /** A VICS field whose value cannot be read as its kind (the field is dropped). */
  'field-unreadable': { readonly field: string; readonly expected: ValueKind; readonly found: string };
  /** A VICS field that should be a list and is not (the field is dropped). */
  'field-not-list': { readonly field: string };
  /** Items of a VICS list field that could not be read (they are dropped). */
  'items-unreadable': { readonly field: string; readonly count: number };
  /** A record repeating an earlier one's hash with another category (the first category is kept). */
  'category-conflict': { readonly firstEntry: number; readonly category: number; readonly kept: number };
}

export type ListProblemCode = keyof ListProblemParams;

/** One problem: its code and that code's parameters. */
export type ListProblem = {
  [C in ListProblemCode]: { readonly code: C } & Readonly<ListProblemParams[C]>;
}[ListProblemCode];

/** The problem of one code (for functions that handle one). */
export type ListProblemOf<C extends ListProblemCode> = Extract<ListProblem, { readonly code: C }>;

/** Longest quotation of the file's text a problem carries (a garbage line must not fill the screen). */
export const QUOTE_CHARS = 70;

export function quote(text: string, max = QUOTE_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
