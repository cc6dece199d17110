import type { IndexedFrames, IndexedMedia, IndexHit } from './deconfliction-index';

export type MatchIndexKind = 'memory' | 'postgres';

/**
 * Where the deconfliction consumer keeps every live media's hashes: in the leader's memory
 * (memory-index.ts, the default) or in PostgreSQL tables (pg-index.ts). Both give the same answers
 * (pg-index.test.ts checks them against the linear oracle).
 *
 * Invariants: an entry records the seq of the media state it reflects, and an older write never
 * replaces or removes a newer one, so replaying change rows after a crash is harmless; lookups are
 * bounded by LOOKUP_BOUNDS whatever the index holds.
 */
export interface MatchIndex {
  readonly kind: MatchIndexKind;
  /**
   * The change seq this index has followed up to. A process that was not following for a while (it
   * lost leadership, or raced another leader that moved the cursor) catches its index up to the
   * cursor before it looks anything up: an index behind the cursor would miss matches. The PostgreSQL
   * index is shared and written before the cursor moves, so it is always caught up.
   */
  followedUpTo: number;
  /**
   * Makes the index reflect every live media stored (at least up to the consumer's cursor): called
   * when this process becomes the leader, before it consumes. Returns how many media it holds.
   */
  prepare(): Promise<number>;
  upsert(media: IndexedMedia, seq: number): Promise<void>;
  remove(caseId: string, mediaId: string, seq: number): Promise<void>;
  has(caseId: string, mediaId: string): Promise<boolean>;
  /** The series of an indexed media (undefined when it is not indexed). */
  seriesOf(caseId: string, mediaId: string): Promise<string | undefined>;
  /** A video's frame part (videoFrames record): its frames hold their values like a media's PDQ. */
  upsertFrames(frames: IndexedFrames, seq: number): Promise<void>;
  removeFrames(caseId: string, partId: string, seq: number): Promise<void>;
  /** The distinct frame hashes indexed for a video (its lookup asks with them). */
  framesOf(caseId: string, mediaId: string): Promise<string[]>;
  /** Media of other cases matching this one (LOOKUP_BOUNDS; `complete` false when a bound cut it). */
  lookup(media: IndexedMedia): Promise<{ hits: IndexHit[]; complete: boolean }>;
  /** Media held (a count for benchmarks and the health of the index). */
  size(): Promise<number>;
}
