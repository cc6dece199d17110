/**
 * The records of the local database's synced tables, derived from the synced record definitions
 * (src/contract/records): a record is its synced fields, plus the fields this device keeps beside them
 * (never sent: the outbox sends the definition's fields only), plus the sync bookkeeping of the state
 * it holds. A field renamed in a definition is a compile error at every use here and in the app.
 */
import type { SyncedEntity, SyncedRecord } from '../../contract/records/synced-records';

type DeepReadonly<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : { readonly [K in keyof T]: DeepReadonly<T[K]> };

/** Fields a device keeps beside the synced ones, per table; recomputed where they live (local-fields.ts). */
export interface LocalFields {
  /** `team`: syncs with the team server (shared, or received from it); absent = local-only. */
  readonly cases: { readonly version?: number; readonly team?: boolean };
  readonly media: {
    readonly version: number;
    /** Number of known-list matches against this device's lists (0 = not known). */
    readonly known: number;
    /** Order of arrival in the case, for stable ties. */
    readonly seq: number;
    /** category ?? -1, indexed for the category filter (derived from `category` on each device). */
    readonly categorySlot: number;
  };
  readonly files: { readonly version: number };
  /** `size`: the media count, kept in the same transaction as every membership change. */
  readonly series: { readonly version: number; readonly size: number };
  readonly clueRevisions: object;
  readonly seriesLeads: object;
  readonly leadEvents: object;
  readonly noteRevisions: object;
  readonly listMatches: object;
  readonly notices: { readonly version?: number };
  readonly videoFrames: object;
  readonly videoSeriesLinks: object;
}

/** The local-only field names per table (what apply keeps from the local record). */
export const LOCAL_FIELDS: { readonly [E in SyncedEntity]: readonly (keyof LocalFields[E] & string)[] } = {
  cases: ['version', 'team'],
  media: ['version', 'known', 'seq', 'categorySlot'],
  files: ['version'],
  series: ['version', 'size'],
  clueRevisions: [],
  seriesLeads: [],
  leadEvents: [],
  noteRevisions: [],
  listMatches: [],
  notices: ['version'],
  videoFrames: [],
  videoSeriesLinks: [],
};

/** Sync bookkeeping on a record of a team case: never sent, never shown. */
export interface SyncMeta {
  /** The server change sequence of the state this record holds. */
  readonly serverSeq?: number;
  /** Per-field server versions (the base versions of later high-stakes writes). */
  readonly fieldVersions?: Readonly<Record<string, number>>;
}
export const SYNC_META_FIELDS = ['serverSeq', 'fieldVersions'] as const;

/** A record of a synced table as this device stores it. */
export type LocalRecord<E extends SyncedEntity> = DeepReadonly<SyncedRecord<E>> & LocalFields[E] & SyncMeta;

export type CaseRecord = LocalRecord<'cases'>;
export type MediaRecord = LocalRecord<'media'>;
export type FileRecord = LocalRecord<'files'>;
export type SeriesRecord = LocalRecord<'series'>;
export type ListMatchRecord = LocalRecord<'listMatches'>;
export type NoticeRecord = LocalRecord<'notices'>;
export type VideoFramesRecord = LocalRecord<'videoFrames'>;
export type VideoSeriesLinkRecord = LocalRecord<'videoSeriesLinks'>;
