/**
 * Known-material hash lists as first-class data. A list is imported once (VICS hash set or case, CSV,
 * PDQ signal file, vPDQ hash files), kept with its entries, and switched on or off as a whole or per entry.
 *
 * Invariants: hashes are stored lower-case hex (MD5 32, SHA-1 40, SHA-256 64, PDQ 64 digits); an entry
 * has at least one hash; `category` is a number in the list's scheme (`schemeId`), never interpreted
 * without it; an `allow` list never pre-categorizes anything, it only overrides `known` matches.
 */
import type { PdqHex } from '../hashing/pdq-hex';
import type { VpdqFeature } from '../video/vpdq-feature';

export const HashListFormat = {
  vics: 'vics',
  csv: 'csv',
  pdq: 'pdq',
  /** vPDQ hash files, one per known video (vpdq-list.ts). */
  vpdq: 'vpdq',
} as const;
export type HashListFormat = (typeof HashListFormat)[keyof typeof HashListFormat];

export const HashListKind = {
  /** Known material: a match pre-categorizes the item and can hide it from review. */
  known: 'known',
  /** Negative list (known non-pertinent or false-positive-prone items): a match overrides known matches. */
  allow: 'allow',
} as const;
export type HashListKind = (typeof HashListKind)[keyof typeof HashListKind];

export const MatchKind = { md5: 'md5', sha1: 'sha1', sha256: 'sha256', pdq: 'pdq', vpdq: 'vpdq' } as const;
export type MatchKind = (typeof MatchKind)[keyof typeof MatchKind];

export interface HashList {
  readonly id: string;
  /** Shown to analysts and written as `PrecategorizationSource` (e.g. "Project VIC US 2026-10"). */
  readonly name: string;
  /** Where it came from: the imported file's name, an agency, a URL. */
  readonly source: string;
  readonly format: HashListFormat;
  /** The category scheme the entries' numbers belong to (e.g. "vics-us"); null when the list has none. */
  readonly schemeId: string | null;
  readonly kind: HashListKind;
  readonly enabled: boolean;
  /** Entries imported (skipped lines not counted). */
  readonly count: number;
  /** ISO-8601. */
  readonly importedAt: string;
}

/** What an entry holds, as a parser yields it (before the importer gives it ids). */
export interface HashListEntryData {
  readonly md5?: string;
  readonly sha1?: string;
  readonly sha256?: string;
  readonly pdq?: PdqHex;
  /** 0-100 as the list states it; PDQ entries under the matcher's minimum quality are not matched. */
  readonly pdqQuality?: number;
  readonly category?: number | null;
  readonly series?: string;
  readonly label?: string;
  /** A known video's frame hashes (a vPDQ list's entry): matched by the vPDQ rule, not frame by frame. */
  readonly vpdq?: readonly VpdqFeature[];
}

/** Where an entry sits in its file, for provenance and error messages. */
export interface EntryOrigin {
  /** 1-based ordinal of the entry in its file (skipped entries counted, so it is stable). */
  readonly ordinal: number;
  readonly line: number;
}

export interface ParsedListEntry extends HashListEntryData, EntryOrigin {}

export interface HashListEntry extends HashListEntryData {
  readonly id: string;
  readonly listId: string;
  /** 1-based position in the imported file. */
  readonly ordinal: number;
  readonly enabled: boolean;
}

export function hasAnyHash(e: HashListEntryData): boolean {
  return Boolean(e.md5 || e.sha1 || e.sha256 || e.pdq || e.vpdq?.length);
}
