/**
 * One problem of every code, with parameters a reader can find in the wording: the tests that check
 * every code is worded (the app in four languages, the CLI in English) share them. Typed as records
 * over the closed sets, so a new code is a compile error here until it has a sample.
 */
import type { HashProblem, HashProblemCode } from '../hashing/hash-problem';
import type { ListProblem, ListProblemCode } from '../hashlists/list-problem';
import { JsonSyntax } from '../vics/json-stream';
import type { ValueKind } from '../vics/vics-values';

type Samples<Code extends string, P extends { code: string }> = {
  readonly [C in Code]: Extract<P, { code: C }>;
};

export const LIST_PROBLEM_SAMPLES: Samples<ListProblemCode, ListProblem> = {
  'line-too-long': { code: 'line-too-long', maxChars: 4096 },
  'quote-not-closed': { code: 'quote-not-closed' },
  'no-header': { code: 'no-header' },
  'not-a-header': { code: 'not-a-header', text: 'name,size' },
  'no-entries': { code: 'no-entries' },
  'no-usable-entry': { code: 'no-usable-entry', skipped: 12 },
  'not-json': { code: 'not-json', syntax: 'unexpected-text', text: 'tru]' },
  'vics-not-object': { code: 'vics-not-object' },
  'vics-no-value-list': { code: 'vics-no-value-list' },
  'bad-hash': { code: 'bad-hash', hash: 'sha1', value: 'nothex' },
  'bad-quality': { code: 'bad-quality', value: 'high' },
  'bad-category': { code: 'bad-category', value: 'CAT-X' },
  'no-hash': { code: 'no-hash' },
  'not-pdq-line': { code: 'not-pdq-line', text: 'zz-not-a-hash' },
  'frame-line-fields': { code: 'frame-line-fields', found: 2, text: '12,abc' },
  'frame-bad-number': { code: 'frame-bad-number', field: 'quality', value: 'high' },
  'frame-bad-hash': { code: 'frame-bad-hash', value: 'zz12' },
  'frame-quality-over-100': { code: 'frame-quality-over-100', quality: 140 },
  'case-media-not-list': { code: 'case-media-not-list', caseNumber: 7 },
  'case-total-unreadable': { code: 'case-total-unreadable', caseNumber: 7, found: '"many"' },
  'case-total-mismatch': { code: 'case-total-mismatch', caseNumber: 7, declared: 25, found: 13 },
  'unknown-data-model': { code: 'unknown-data-model', context: 'http://example.org/Model.xml' },
  'no-data-model': { code: 'no-data-model' },
  'entry-not-object': { code: 'entry-not-object', found: 'array' },
  'field-unreadable': {
    code: 'field-unreadable',
    field: 'DateUpdated',
    expected: 'date',
    found: '"yesterday"',
  },
  'field-not-list': { code: 'field-not-list', field: 'MediaFiles' },
  'items-unreadable': { code: 'items-unreadable', field: 'Exifs', count: 12 },
  'category-conflict': { code: 'category-conflict', firstEntry: 11, category: 3, kept: 2 },
};

export const JSON_SYNTAXES: readonly JsonSyntax[] = Object.values(JsonSyntax);

const VALUE_KIND_SET: { readonly [K in ValueKind]: true } = {
  text: true,
  boolean: true,
  integer: true,
  date: true,
  md5: true,
  sha1: true,
  sha256: true,
};
export const VALUE_KINDS = Object.keys(VALUE_KIND_SET) as ValueKind[];

export const HASH_PROBLEM_SAMPLES: Samples<HashProblemCode, HashProblem> = {
  empty: { code: 'empty' },
  'not-media': { code: 'not-media' },
  'corrupt-image': { code: 'corrupt-image', format: 'webp' },
  'too-large': { code: 'too-large', width: 50000, height: 50000, maxPixels: 100_000_000 },
  'svg-refused': { code: 'svg-refused' },
  'format-unsupported': { code: 'format-unsupported', format: 'heic' },
  unreadable: { code: 'unreadable' },
  'no-video-track': { code: 'no-video-track' },
  'corrupt-video': { code: 'corrupt-video', container: 'matroska' },
  'codec-unsupported': { code: 'codec-unsupported', codec: 'H.265 (HEVC)' },
  'ffmpeg-missing': { code: 'ffmpeg-missing' },
  unexpected: { code: 'unexpected' },
};

/** What each sample's wording must show, beyond its code: quoted text and numbers (as written, before formatting). */
export const LIST_PROBLEM_SHOWN: { readonly [C in ListProblemCode]: readonly (string | number)[] } = {
  'line-too-long': [4096],
  'quote-not-closed': [],
  'no-header': [],
  'not-a-header': ['name,size'],
  'no-entries': [],
  'no-usable-entry': [12],
  'not-json': ['tru]'],
  'vics-not-object': [],
  'vics-no-value-list': [],
  'bad-hash': ['SHA-1', 'nothex'],
  'bad-quality': ['high'],
  'bad-category': ['CAT-X'],
  'no-hash': [],
  'not-pdq-line': ['zz-not-a-hash'],
  'frame-line-fields': [2, '12,abc'],
  'frame-bad-number': ['quality', 'high'],
  'frame-bad-hash': ['zz12'],
  'frame-quality-over-100': [140],
  'case-media-not-list': [7],
  'case-total-unreadable': [7, '"many"'],
  'case-total-mismatch': [7, 25, 13],
  'unknown-data-model': ['http://example.org/Model.xml'],
  'no-data-model': [],
  'entry-not-object': [],
  'field-unreadable': ['DateUpdated', '"yesterday"'],
  'field-not-list': ['MediaFiles'],
  'items-unreadable': ['Exifs', 12],
  'category-conflict': [11, 3, 2],
};

export const HASH_PROBLEM_SHOWN: { readonly [C in HashProblemCode]: readonly (string | number)[] } = {
  empty: [],
  'not-media': [],
  'corrupt-image': ['WebP'],
  'too-large': [50000, 100],
  'svg-refused': [],
  'format-unsupported': ['HEIC/HEIF'],
  unreadable: [],
  'no-video-track': [],
  'corrupt-video': ['Matroska'],
  'codec-unsupported': ['H.265 (HEVC)'],
  'ffmpeg-missing': [],
  unexpected: [],
};
