import type { HashProblem } from '../hashing/hash-problem';
import type { Brand, CaseId } from './ids';

/**
 * Ids and local-only records of a case's image set. The synced records (media, files, series) are
 * defined once in src/contract/records and stored as client/db/records.ts says.
 * Invariant: one media record per distinct SHA-256 in a case; every path it was seen under is a
 * file record (VICS `MediaFiles`).
 */
export type MediaId = Brand<string, 'MediaId'>;
export type SeriesId = Brand<string, 'SeriesId'>;

/** The bucket of media no series claims yet. Stored as a value (not absent) so it is indexed. */
export const UNSORTED = '' as SeriesId;

export interface IngestErrorRecord {
  readonly id: string;
  readonly caseId: CaseId;
  readonly path: string;
  readonly sourceKey: string;
  readonly reason: string;
  /** Why, as a code the app words (absent on rows stored before failures were codes). */
  readonly problem?: HashProblem;
  /** What the decoder or the OS said (technical, not translated). */
  readonly detail?: string;
  /** Rows stored before failures were codes carry the English sentence instead. */
  readonly message?: string;
  /** A video added although decoding stopped early (reason video-incomplete): how much decoded. */
  readonly incomplete?: { readonly decodedMs: number; readonly durationMs: number };
  readonly at: string;
}

export type SuggestionStatus = 'open' | 'accepted' | 'dismissed';

export interface SuggestionRecord {
  readonly updatedAt: string;
  readonly version: number;
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

/** Longest series name an analyst can give (the sync contract refuses longer ones). */
export const SERIES_NAME_MAX_LENGTH = 200;

/**
 * What a media record holds: a still image, or a video (hashed frame by frame with vPDQ, its frame
 * hashes in `videoFrames` records). Defined once; records, the worker pipeline, the CLI and the UI use it.
 */
export const MediaKind = { image: 'image', video: 'video' } as const;
export type MediaKind = (typeof MediaKind)[keyof typeof MediaKind];
export const MEDIA_KINDS = Object.values(MediaKind) as [MediaKind, ...MediaKind[]];
