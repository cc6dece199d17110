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
import type { VpdqFeature } from '../../../domain/video/vpdq-feature';

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

/**
 * What a media item is matched by. A video by its frame hashes (the whole frames, as the reference
 * hashes them; not the pictures inside bars) and its file hashes; its card frame's PDQ is not looked
 * up frame by frame among known videos (the vPDQ rule decides), but still among PDQ entries.
 */
export function matchQueryOf(media: MediaRecord, frames?: readonly VpdqFeature[]): MatchQuery {
  const pdq = parsePdqHex(media.pdq);
  const dihedral = media.pdqDihedral.map((h) => parsePdqHex(h)).filter((h): h is PdqHex => h !== null);
  return {
    md5: media.md5,
    sha1: media.sha1,
    sha256: media.sha256,
    ...(pdq ? { pdq, pdqQuality: media.pdqQuality } : {}),
    ...(dihedral.length === 8 ? { pdqDihedral: dihedral } : {}),
    ...(media.kind === 'video' ? { vpdq: frames ?? [] } : {}),
  };
}

/** The whole-frame vPDQ hashes of these videos, from their videoFrames parts, in part order. */
async function framesOf(
  db: WaymarkDatabase,
  media: readonly MediaRecord[],
): Promise<Map<MediaId, VpdqFeature[]>> {
  const videos = media.filter((m) => m.kind === 'video').map((m) => m.id);
  const out = new Map<MediaId, VpdqFeature[]>();
  if (videos.length === 0) return out;
  const parts = await db.videoFrames.where('mediaId').anyOf(videos).toArray();
  for (const part of parts.sort((a, b) => a.part - b.part)) {
    if (part.picture) continue;
    const frames = out.get(part.mediaId) ?? [];
    frames.push(...part.frames);
    out.set(part.mediaId, frames);
  }
  return out;
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
  const frames = matcher.stats.vpdq > 0 ? await framesOf(db, media) : new Map<MediaId, VpdqFeature[]>();
  const outcomes = media.map((m) => ({
    mediaId: m.id,
    outcome: matcher.match(matchQueryOf(m, frames.get(m.id))),
  }));
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
