import type { ExifSummary } from '../exif/exif-summary';
import type { Brand, CaseId } from './ids';

/**
 * The records of a case's image set, as stored locally. Every record carries `updatedAt` and a
 * `version` (incremented on each local change) so a later sync can send and check them.
 * Invariant: one MediaRecord per distinct SHA-256 in a case; every path it was seen under is a
 * FileRecord (VICS `MediaFiles`).
 */
export type MediaId = Brand<string, 'MediaId'>;
export type SeriesId = Brand<string, 'SeriesId'>;

/** The bucket of media no series claims yet. Stored as a value (not absent) so it is indexed. */
export const UNSORTED = '' as SeriesId;

export interface SyncFields {
  readonly updatedAt: string;
  readonly version: number;
}

export interface MediaRecord extends SyncFields {
  readonly id: MediaId;
  readonly caseId: CaseId;
  readonly md5: string;
  readonly sha1: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly width: number;
  readonly height: number;
  readonly mimeType: string;
  readonly format: string;
  readonly pdq: string;
  readonly pdqQuality: number;
  readonly pdqDihedral: readonly string[];
  /** The first path the content was seen under (all paths are FileRecords), for labels. */
  readonly firstPath: string;
  readonly exif?: ExifSummary;
  /** Grid order: the capture time, else '~' so undated images sort last. */
  readonly sortAt: string;
  /** `make model` for the camera filter, '' when unknown. */
  readonly camera: string;
  /** 1 or 0: Dexie indexes numbers, not booleans. */
  readonly hasGps: 0 | 1;
  /** Category under the case's scheme; null = uncategorized (VICS). */
  readonly category: number | null;
  /** category ?? -1, indexed for the category filter. */
  readonly categorySlot: number;
  readonly seriesId: SeriesId;
  /** Number of known-list matches (filled by hash-list matching); 0 = unknown. */
  readonly known: number;
  /**
   * The list whose match set `category` (VICS IsPrecategorized + PrecategorizationSource); absent when
   * an analyst set it or nothing did. Holds only while `category` is still the one that match gave
   * (`precategorizedCategory`): an analyst's later choice wins.
   */
  readonly precategorizedBy?: string;
  /** The category `precategorizedBy` gave; the item counts as pre-categorized only while they agree. */
  readonly precategorizedCategory?: number | null;
  /** VICS flags read from an imported case file (the workspace has no other home for them yet). */
  readonly vicsFlags?: {
    readonly victimIdentified?: boolean;
    readonly offenderIdentified?: boolean;
    readonly isDistributed?: boolean;
    readonly isSuspected?: boolean;
  };
  /** Order of arrival in the case, for stable ties. */
  readonly seq: number;
  readonly createdAt: string;
}

export interface FileRecord extends SyncFields {
  readonly id: string;
  readonly caseId: CaseId;
  readonly mediaId: MediaId;
  /** The path inside the source (folder-relative or archive-relative), '/'-separated. */
  readonly path: string;
  readonly size: number;
  readonly lastModified: number;
  /** path|size|lastModified: re-adding the same source skips what is already stored. */
  readonly sourceKey: string;
}

export interface SeriesRecord extends SyncFields {
  readonly id: SeriesId;
  readonly caseId: CaseId;
  /** Shown as "Series <number>" until the analyst names it (name ''). */
  readonly number: number;
  readonly name: string;
  /** Media count, kept in the same transaction as every membership change. */
  readonly size: number;
  /** The grouper's own group id, so its later deltas find this series; absent for analyst-made series. */
  readonly groupKey?: string;
  readonly createdAt: string;
}

export interface IngestErrorRecord {
  readonly id: string;
  readonly caseId: CaseId;
  readonly path: string;
  readonly sourceKey: string;
  readonly reason: string;
  readonly message: string;
  readonly at: string;
}

export type SuggestionStatus = 'open' | 'accepted' | 'dismissed';

export interface SuggestionRecord extends SyncFields {
  readonly id: string;
  readonly caseId: CaseId;
  readonly kind: 'same-shoot';
  readonly seriesIds: readonly SeriesId[];
  readonly mediaIds: readonly MediaId[];
  /** What the series have in common, for the analyst: camera, time span, distance. */
  readonly camera?: string;
  readonly spanSeconds?: number;
  readonly status: SuggestionStatus;
}

export function sourceKeyOf(path: string, size: number, lastModified: number): string {
  return `${path}|${size}|${lastModified}`;
}
