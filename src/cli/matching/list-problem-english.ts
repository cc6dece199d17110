/**
 * The CLI's words for list problems: English, at the edge, from the codes the domain reports (the app
 * words the same codes through its catalogs). The tables are typed by the closed sets, so a new code
 * is a compile error here until it has its sentence.
 */
import type {
  ListHashName,
  ListProblem,
  ListProblemCode,
  ListProblemOf,
} from '../../domain/hashlists/list-problem';
import type { IssuePosition, ParseIssue } from '../../domain/hashlists/stream-parser';
import type { JsonSyntax } from '../../domain/vics/json-stream';
import type { ValueKind } from '../../domain/vics/vics-values';

const HASH_NAMES: Readonly<Record<ListHashName, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  pdq: 'PDQ',
};

const JSON_SYNTAX: Readonly<Record<JsonSyntax, (text: string) => string>> = {
  truncated: () => 'the text ends in the middle of a value (truncated file?)',
  empty: () => 'the text is empty',
  'text-after-end': () => 'unexpected text after the end of the JSON value',
  'expected-colon': () => 'expected ":" after a property name',
  'expected-comma-in-array': () => 'expected "," or "]" in an array',
  'expected-comma-in-object': () => 'expected "," or "}" in an object',
  'expected-property-name': () => 'expected a property name in double quotes',
  'too-deep': () => 'values nested too deep',
  'invalid-number': (text) => `invalid number "${text}"`,
  'unexpected-character': (text) => `unexpected character ${JSON.stringify(text)}`,
  'unexpected-text': (text) => `unexpected text "${text}"`,
  'unterminated-string': () => 'unterminated string',
  'invalid-string': () => 'invalid string (a bad escape or a raw control character)',
};

const VALUE_KINDS: Readonly<Record<ValueKind, string>> = {
  text: 'text',
  boolean: 'true or false',
  integer: 'a whole number',
  date: 'a date',
  md5: 'an MD5 digest (32 hex digits)',
  sha1: 'a SHA-1 digest (40 hex digits)',
  sha256: 'a SHA-256 digest (64 hex digits)',
};

type Words = { readonly [C in ListProblemCode]: (problem: ListProblemOf<C>) => string };

const WORDS: Words = {
  'line-too-long': (p) => `the line is longer than ${p.maxChars} characters: this is not a text hash list`,
  'quote-not-closed': () => 'a quoted field opened on this line is never closed (truncated file?)',
  'no-header': () => 'the file has no header naming a hash column (md5, sha1, sha256 or pdq)',
  'not-a-header': (p) => `not a header naming a hash column (md5, sha1, sha256 or pdq): "${p.text}"`,
  'no-entries': () => 'the file holds no hash entries',
  'no-usable-entry': (p) => `no usable entry: every entry was skipped (${p.skipped} problem(s))`,
  'not-json': (p) => `not valid JSON: ${JSON_SYNTAX[p.syntax](p.text)}`,
  'vics-not-object': () => 'not a VICS file: the JSON is not an object',
  'vics-no-value-list': () => 'not a VICS file: it has no "value" list of cases or media',
  'bad-hash': (p) => `${HASH_NAMES[p.hash]} "${p.value}" is not a valid digest; ignored`,
  'bad-quality': (p) => `quality "${p.value}" is not a whole number from 0 to 100; ignored`,
  'bad-category': (p) => `category "${p.value}" is not a category number; ignored`,
  'no-hash': () => 'no usable MD5, SHA-1, SHA-256 or PDQ hash; skipped',
  'not-pdq-line': (p) => `"${p.text}" does not start with a 64-digit PDQ hash; skipped`,
  'frame-line-fields': (p) =>
    `"${p.text}" has ${p.found} field(s), not the 3 or 4 of "frame,quality,pdqHex,timestamp"`,
  'frame-bad-number': (p) => `the ${p.field} "${p.value}" is not a number`,
  'frame-bad-hash': (p) => `the frame hash "${p.value}" is not 64 hexadecimal digits`,
  'frame-quality-over-100': (p) => `quality ${p.quality} is over 100`,
  'case-media-not-list': (p) => `case ${p.caseNumber}: Media is not a list; ignored`,
  'case-total-unreadable': (p) =>
    `case ${p.caseNumber}: TotalMediaFiles ${p.found} is not a whole number; ignored`,
  'case-total-mismatch': (p) =>
    `case ${p.caseNumber}: TotalMediaFiles says ${p.declared} but the case holds ${p.found} media records; the records win`,
  'unknown-data-model': (p) => `unrecognized VICS data model "${p.context}"; read as VICS 2.0`,
  'no-data-model': () => 'no "@odata.context" or "odata.metadata" header; read as VICS anyway',
  'entry-not-object': (p) => `the entry is not an object (found ${p.found}); skipped`,
  'field-unreadable': (p) =>
    `${p.field}: expected ${VALUE_KINDS[p.expected]}, found ${p.found}; field ignored`,
  'field-not-list': (p) => `${p.field} is not a list; field ignored`,
  'items-unreadable': (p) => `${p.field}: ${p.count} unreadable item(s) ignored`,
  'category-conflict': (p) =>
    `repeats entry ${p.firstEntry} (same hash) with category ${p.category} instead of ${p.kept}; kept ${p.kept}`,
};

/** One list problem in English, without its position. */
export function listProblemEnglish(problem: ListProblem): string {
  return (WORDS[problem.code] as (p: ListProblem) => string)(problem);
}

/** "line 3, column 7, entry 2". */
export function issuePositionEnglish(issue: IssuePosition): string {
  const parts = [`line ${issue.line}`];
  if (issue.column !== undefined) parts.push(`column ${issue.column}`);
  if (issue.entry !== undefined) parts.push(`entry ${issue.entry}`);
  return parts.join(', ');
}

/** "line 3, entry 2: quality "x" is not …". */
export function parseIssueEnglish(issue: ParseIssue): string {
  return `${issuePositionEnglish(issue)}: ${listProblemEnglish(issue)}`;
}
