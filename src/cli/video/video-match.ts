/**
 * `waymark match` for videos, and for stills against vPDQ lists: a video's crypto hashes match the
 * exact lists as any file's do; its frames (quality ≥ 50) match PDQ entries (a known image inside
 * the video, with the frame and time); the whole video matches vPDQ entries by the vPDQ rule. A still
 * matches a vPDQ entry when one of its 8 dihedral hashes is near a frame of the known video.
 */
import { pdqHexToWords } from '../../domain/hashing/pdq-hex';
import type { HashListMatcher, ListMatch, MatchOutcome } from '../../domain/hashlists/matcher';
import type { VpdqListMatcher, VpdqListMatch } from '../../domain/video/vpdq-list-matcher';
import { VPDQ_MIN_QUALITY } from '../../domain/video/vpdq-feature';
import type { MediaSignature, VideoSignature } from '../../domain/video/video-signature';
import { isVideoSignature } from '../../domain/video/video-signature';

export interface VpdqListRef {
  readonly name: string;
  readonly matcher: VpdqListMatcher<string>;
}

export interface FrameListMatch {
  readonly match: ListMatch;
  readonly frame: number;
  readonly timestamp: number;
}

export interface VideoOutcome {
  readonly exact: MatchOutcome;
  /** Best frame per PDQ entry. */
  readonly frames: readonly FrameListMatch[];
  readonly videos: readonly { readonly list: string; readonly match: VpdqListMatch<string> }[];
}

export function matchVideo(
  s: VideoSignature,
  matcher: HashListMatcher,
  vpdqLists: readonly VpdqListRef[],
): VideoOutcome {
  const exact = matcher.match({ md5: s.md5, sha1: s.sha1, sha256: s.sha256 });
  const best = new Map<string, FrameListMatch>();
  // The picture inside bars as well: a known still shown pillarboxed in the video.
  for (const f of [...s.vpdq, ...s.pictureVpdq]) {
    if (f.quality < VPDQ_MIN_QUALITY) continue;
    for (const m of matcher.match({ pdq: f.pdq, pdqQuality: f.quality }).matches) {
      if (m.kind !== 'pdq' || m.lowQuality) continue;
      const prev = best.get(m.entryId);
      if (!prev || m.distance < prev.match.distance)
        best.set(m.entryId, { match: m, frame: f.frame, timestamp: f.timestamp });
    }
  }
  const videos = vpdqLists.flatMap((l) =>
    l.matcher
      .match(s.vpdq)
      .filter((m) => m.isMatch)
      .map((match) => ({ list: l.name, match })),
  );
  return { exact, frames: [...best.values()].sort((a, b) => a.match.distance - b.match.distance), videos };
}

/** A still against the vPDQ lists: known videos with a frame near the still. */
export function matchStillInVideos(s: MediaSignature, vpdqLists: readonly VpdqListRef[]) {
  if (!s.ok || isVideoSignature(s) || s.pdqQuality < VPDQ_MIN_QUALITY) return [];
  const hashes = s.pdqDihedral.map((h) => pdqHexToWords(h));
  return vpdqLists.flatMap((l) => l.matcher.matchStill(hashes).map((m) => ({ list: l.name, ...m })));
}

const round = (n: number) => Math.round(n * 10) / 10;

export function videoMatchJson(path: string, s: VideoSignature, o: VideoOutcome): string {
  const matches = [
    ...o.exact.matches.map((m) => ({
      list: m.listName,
      entry: m.ordinal,
      kind: m.kind,
      distance: m.distance,
      ...(m.category !== undefined && m.category !== null ? { category: m.category } : {}),
    })),
    ...o.frames.map(({ match: m, frame, timestamp }) => ({
      list: m.listName,
      entry: m.ordinal,
      kind: 'pdq',
      distance: m.distance,
      frame,
      timestamp,
      ...(m.category !== undefined && m.category !== null ? { category: m.category } : {}),
    })),
    ...o.videos.map(({ list, match: m }) => ({
      list,
      entry: m.id,
      kind: 'vpdq',
      queryPercent: round(m.queryPercent),
      comparedPercent: round(m.comparedPercent),
      frames: m.frameMatches.map((f) => ({
        frame: f.frame,
        timestamp: f.timestamp,
        entryFrame: f.otherFrame,
        entryTimestamp: f.otherTimestamp,
        distance: f.distance,
      })),
    })),
  ];
  return JSON.stringify({
    path,
    kind: 'video',
    matches,
    ...(s.incomplete ? { incomplete: s.incomplete } : {}),
  });
}

export function videoMatchText(path: string, o: VideoOutcome): string {
  const found = [
    ...o.exact.matches.map((m) => `${m.listName}#${m.ordinal} ${m.kind}`),
    ...o.frames.map(
      (f) =>
        `${f.match.listName}#${f.match.ordinal} pdq d=${f.match.distance} at ${f.timestamp.toFixed(1)} s`,
    ),
    ...o.videos.map(
      ({ list, match: m }) =>
        `${list}:${m.id} vpdq q=${round(m.queryPercent)}% c=${round(m.comparedPercent)}%`,
    ),
  ];
  return `${found.length ? `match  ${found.join(', ')}` : 'none  '}  ${path}`;
}
