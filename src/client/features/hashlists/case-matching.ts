/**
 * Matches a case's media against the enabled hash lists: on demand (the whole case) and on ingest
 * (each stored batch's new media). The matcher is built once from the enabled lists and entries and
 * kept until the lists change (the lists revision, bumped in every list transaction, tells; so a
 * change made in another tab is seen too).
 */
import type { CaseId } from '../../../domain/case/ids';
import type { MediaId } from '../../../domain/case/media';
import { parsePdqHex, type PdqHex } from '../../../domain/hashing/pdq-hex';
import { HashListMatcher, type MatchQuery } from '../../../domain/hashlists/matcher';
import { MultiIndexHashIndex } from '../../../domain/index/mih-index';
import type { WaymarkDatabase } from '../../db/database';
import { listsRevision, loadEnabledLists } from '../../db/hash-lists.repository';
import { writeMediaMatches, type WriteMatchesResult } from '../../db/list-matches.repository';
import type { MediaRecord } from '../../db/records';

/** Media matched and written per transaction: small enough to keep the page responsive. */
const SLICE = 400;

let cached: { db: WaymarkDatabase; revision: number; matcher: Promise<HashListMatcher> } | null = null;

export async function getMatcher(db: WaymarkDatabase): Promise<HashListMatcher> {
  const revision = await listsRevision(db);
  if (cached?.db !== db || cached.revision !== revision) {
    const matcher = loadEnabledLists(db).then(
      ({ lists, entries }) =>
        new HashListMatcher(lists, entries, { createIndex: () => new MultiIndexHashIndex<number>() }),
    );
    cached = { db, revision, matcher };
    matcher.catch(() => {
      if (cached?.matcher === matcher) cached = null;
    });
  }
  return cached.matcher;
}

export function matchQueryOf(media: MediaRecord): MatchQuery {
  const pdq = parsePdqHex(media.pdq);
  const dihedral = media.pdqDihedral.map((h) => parsePdqHex(h)).filter((h): h is PdqHex => h !== null);
  return {
    md5: media.md5,
    sha1: media.sha1,
    sha256: media.sha256,
    ...(pdq ? { pdq, pdqQuality: media.pdqQuality } : {}),
    ...(dihedral.length === 8 ? { pdqDihedral: dihedral } : {}),
  };
}

export interface MatchProgress {
  readonly done: number;
  readonly total: number;
}

export interface MatchSummary extends WriteMatchesResult {
  readonly matched: number;
}

const empty = (): MatchSummary => ({ matched: 0, known: 0, precategorized: 0, conflicts: 0 });

function add(a: MatchSummary, b: WriteMatchesResult, n: number): MatchSummary {
  return {
    matched: a.matched + n,
    known: a.known + b.known,
    precategorized: a.precategorized + b.precategorized,
    conflicts: a.conflicts + b.conflicts,
  };
}

async function matchSlice(
  db: WaymarkDatabase,
  matcher: HashListMatcher,
  caseId: CaseId,
  schemeId: string,
  media: readonly MediaRecord[],
): Promise<WriteMatchesResult> {
  const outcomes = media.map((m) => ({ mediaId: m.id, outcome: matcher.match(matchQueryOf(m)) }));
  return writeMediaMatches(db, caseId, schemeId, outcomes);
}

/**
 * Matches every media item of the case again (a disabled or deleted list's old matches go away).
 * Reads ids first, then records a slice at a time, so 100,000 media never sit in memory at once.
 */
export async function matchCase(
  db: WaymarkDatabase,
  caseId: CaseId,
  schemeId: string,
  options: { onProgress?: (p: MatchProgress) => void; signal?: AbortSignal } = {},
): Promise<MatchSummary> {
  const matcher = await getMatcher(db);
  const ids: MediaId[] = await db.media.where('caseId').equals(caseId).primaryKeys();
  let summary = empty();
  options.onProgress?.({ done: 0, total: ids.length });
  for (let at = 0; at < ids.length; at += SLICE) {
    options.signal?.throwIfAborted();
    const media = (await db.media.bulkGet(ids.slice(at, at + SLICE))).filter(
      (m): m is MediaRecord => m !== undefined,
    );
    summary = add(summary, await matchSlice(db, matcher, caseId, schemeId, media), media.length);
    options.onProgress?.({ done: Math.min(at + SLICE, ids.length), total: ids.length });
  }
  return summary;
}

/** Matches freshly stored media (an ingest batch). Nothing is written when no list is enabled. */
export async function matchNewMedia(
  db: WaymarkDatabase,
  caseId: CaseId,
  schemeId: string,
  media: readonly MediaRecord[],
): Promise<MatchSummary> {
  const matcher = await getMatcher(db);
  if (media.length === 0 || matcher.stats.entries === 0) return empty();
  let summary = empty();
  for (let at = 0; at < media.length; at += SLICE) {
    const slice = media.slice(at, at + SLICE);
    summary = add(summary, await matchSlice(db, matcher, caseId, schemeId, slice), slice.length);
  }
  return summary;
}
