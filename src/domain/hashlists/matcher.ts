/**
 * Matches files against hash lists: exact MD5 / SHA-1 / SHA-256 by map lookup, PDQ within a Hamming
 * threshold through a hash index, querying all 8 dihedral hashes of the file (so mirrored and rotated
 * copies match). Built once from the enabled entries of the enabled lists; rebuilt when they change.
 *
 * Invariants: every match carries its provenance (list, entry, kind, distance); a match on an `allow`
 * list overrides every `known` match of that file (the file is not "known" and is not
 * pre-categorized); a PDQ match where the file's or the entry's quality is under `minPdqQuality` is
 * reported but flagged `lowQuality` (near-blank images collide), and it neither makes the file known
 * nor pre-categorizes it: an analyst looks; categories are compared only within one scheme, and
 * disagreeing categories of one scheme are flagged as a conflict.
 *
 * Known videos (vPDQ list entries) are matched by the vPDQ rule, not frame by frame: a video matches an
 * entry when max(q%, c%) reaches the threshold over frames of quality ≥ the minimum within the vPDQ
 * distance (the grouping's defaults); its match says which spans of frames matched at what time. A
 * still image matches a known video when one of its dihedral hashes is within the distance of a frame
 * (it may be a frame cut from it); a low-quality still is not looked up there, as near-blank frames are
 * dropped from videos too.
 */
import { parsePdqHex, pdqHexToWords, type PdqHex } from '../hashing/pdq-hex';
import { frameSpans, type FrameSpan } from '../video/frame-spans';
import { VpdqListMatcher } from '../video/vpdq-list-matcher';
import type { VpdqFeature } from '../video/vpdq-feature';
import type { VpdqMatchOptions } from '../video/vpdq-match';
import type { HashList, HashListEntry, HashListKind, MatchKind } from './hash-list';

export const DEFAULT_PDQ_THRESHOLD = 31;
export const DEFAULT_MIN_PDQ_QUALITY = 50;

/** What the matcher needs of a PDQ index (the shape of src/domain/index's HashIndex). */
export interface PdqSearchIndex {
  add(id: number, hash: Uint32Array): void;
  queryWithinRadius(hash: Uint32Array, radius: number): readonly { id: number; distance: number }[];
}

/** The hashes of one file: an ImageSignature or a HashFailure (whose crypto hashes still match). */
export interface MatchQuery {
  readonly md5?: string;
  readonly sha1?: string;
  readonly sha256?: string;
  readonly pdq?: PdqHex;
  readonly pdqQuality?: number;
  /** All 8 dihedral hashes (original first); when absent only `pdq` is queried. */
  readonly pdqDihedral?: readonly PdqHex[];
  /** A video's frame hashes: matched against known videos by the vPDQ rule (and nothing else is). */
  readonly vpdq?: readonly VpdqFeature[];
}

/** How a video (or a still) matched a known video: the shares and which frames, at what time. */
export interface VideoMatchDetail {
  /** q%: share of the item's frames found in the known video (100 for a still). */
  readonly queryPercent: number;
  /** c%: share of the known video's frames found in the item. */
  readonly comparedPercent: number;
  /** Matched frames as spans of time, earliest first (a still: one span of unknown time on its side). */
  readonly spans: readonly FrameSpan[];
  /** Matched frames beyond the spans kept. */
  readonly omitted: number;
}

export interface ListMatch {
  readonly listId: string;
  readonly listName: string;
  readonly listKind: HashListKind;
  readonly schemeId: string | null;
  readonly entryId: string;
  readonly ordinal: number;
  readonly kind: MatchKind;
  /** 0 for exact matches; Hamming bits for PDQ. */
  readonly distance: number;
  /** For PDQ: which dihedral hash of the file matched (0 original, 1 rot90 … 4 flipX …). */
  readonly dihedral?: number;
  /** A PDQ match on a near-blank hash (file or entry quality under the minimum): shown, never acted on. */
  readonly lowQuality?: true;
  readonly category?: number | null;
  readonly series?: string;
  readonly label?: string;
  /** For vPDQ: the shares and frames that matched. */
  readonly video?: VideoMatchDetail;
}

export interface Precategorization {
  readonly isPrecategorized: true;
  /** The list's name: what VICS `PrecategorizationSource` carries. */
  readonly source: string;
  readonly schemeId: string | null;
  readonly category: number | null;
  readonly match: ListMatch;
}

export interface CategoryConflict {
  readonly schemeId: string | null;
  /** Each distinct category with the matches that claim it. */
  readonly claims: readonly { readonly category: number | null; readonly matches: readonly ListMatch[] }[];
}

export interface MatchOutcome {
  /** Every match, known and allow, best first (exact before PDQ, then by distance). */
  readonly matches: readonly ListMatch[];
  /** A reliable known match (not low-quality) and no allow match: the item can be hidden from review. */
  readonly known: boolean;
  /** An allow-list match overrode the known matches. */
  readonly allowed: boolean;
  readonly precategorization: Precategorization | null;
  readonly conflicts: readonly CategoryConflict[];
}

export interface MatcherOptions {
  readonly pdqThreshold?: number;
  readonly minPdqQuality?: number;
  /** The PDQ index; a multi-index hash index for large lists. */
  readonly createIndex: () => PdqSearchIndex;
  /** vPDQ thresholds (defaults: the reference's, as grouping uses them). */
  readonly vpdq?: VpdqMatchOptions;
}

export interface MatcherStats {
  readonly lists: number;
  readonly entries: number;
  readonly md5: number;
  readonly sha1: number;
  readonly sha256: number;
  readonly pdq: number;
  /** PDQ entries whose declared quality is under the minimum (their matches are flagged). */
  readonly pdqLowQuality: number;
  /** Known videos (vPDQ entries). */
  readonly vpdq: number;
}

const KIND_RANK: Record<MatchKind, number> = { sha256: 0, sha1: 1, md5: 2, pdq: 3, vpdq: 4 };

/** Perceptual matches (by distance) come after exact ones. */
export const isPerceptual = (kind: MatchKind): boolean => kind === 'pdq' || kind === 'vpdq';

export class HashListMatcher {
  private readonly md5 = new Map<string, number[]>();
  private readonly sha1 = new Map<string, number[]>();
  private readonly sha256 = new Map<string, number[]>();
  private readonly entries: HashListEntry[] = [];
  private readonly listOf: HashList[] = [];
  private readonly lowQualitySlots = new Set<number>();
  private readonly index: PdqSearchIndex;
  private readonly threshold: number;
  private readonly minQuality: number;
  private readonly videos: VpdqListMatcher<number> | null;
  private readonly counts = { md5: 0, sha1: 0, sha256: 0, pdq: 0, pdqLowQuality: 0, vpdq: 0 };
  private readonly lists: ReadonlyMap<string, HashList>;

  constructor(lists: readonly HashList[], entries: Iterable<HashListEntry>, options: MatcherOptions) {
    this.threshold = options.pdqThreshold ?? DEFAULT_PDQ_THRESHOLD;
    this.minQuality = options.minPdqQuality ?? DEFAULT_MIN_PDQ_QUALITY;
    this.index = options.createIndex();
    this.lists = new Map(lists.filter((l) => l.enabled).map((l) => [l.id, l]));
    const words = new Uint32Array(8);
    const videos: { id: number; features: readonly VpdqFeature[] }[] = [];
    for (const entry of entries) {
      const list = this.lists.get(entry.listId);
      if (!list || !entry.enabled) continue;
      const slot = this.entries.length;
      this.entries.push(entry);
      this.listOf.push(list);
      if (entry.md5) this.put(this.md5, entry.md5, slot, 'md5');
      if (entry.sha1) this.put(this.sha1, entry.sha1, slot, 'sha1');
      if (entry.sha256) this.put(this.sha256, entry.sha256, slot, 'sha256');
      if (entry.pdq) {
        this.index.add(slot, pdqHexToWords(entry.pdq, words));
        this.counts.pdq++;
        if (entry.pdqQuality !== undefined && entry.pdqQuality < this.minQuality) {
          this.lowQualitySlots.add(slot);
          this.counts.pdqLowQuality++;
        }
      }
      if (entry.vpdq?.length) {
        videos.push({ id: slot, features: entry.vpdq });
        this.counts.vpdq++;
      }
    }
    this.videos = videos.length > 0 ? new VpdqListMatcher(videos, options.vpdq) : null;
  }

  get stats(): MatcherStats {
    return { lists: this.lists.size, entries: this.entries.length, ...this.counts };
  }

  private put(map: Map<string, number[]>, key: string, slot: number, kind: 'md5' | 'sha1' | 'sha256'): void {
    const k = key.toLowerCase();
    const slots = map.get(k);
    if (slots) slots.push(slot);
    else map.set(k, [slot]);
    this.counts[kind]++;
  }

  match(query: MatchQuery): MatchOutcome {
    const found = new Map<string, ListMatch>();
    const add = (
      slot: number,
      kind: MatchKind,
      distance: number,
      dihedral?: number,
      lowQuality = false,
      video?: VideoMatchDetail,
    ) => {
      const key = `${slot}:${kind}`;
      const prev = found.get(key);
      if (prev && prev.distance <= distance) return;
      found.set(key, this.describe(slot, kind, distance, dihedral, lowQuality, video));
    };
    const exact = (map: Map<string, number[]>, value: string | undefined, kind: MatchKind) => {
      if (!value) return;
      for (const slot of map.get(value.toLowerCase()) ?? []) add(slot, kind, 0);
    };
    exact(this.md5, query.md5, 'md5');
    exact(this.sha1, query.sha1, 'sha1');
    exact(this.sha256, query.sha256, 'sha256');

    const lowQueryQuality = query.pdqQuality !== undefined && query.pdqQuality < this.minQuality;
    if (query.pdq || query.pdqDihedral?.length) {
      const hashes = query.pdqDihedral?.length ? query.pdqDihedral : [query.pdq!];
      const words = new Uint32Array(8);
      hashes.forEach((hex, dihedral) => {
        const pdq = parsePdqHex(hex);
        if (!pdq) return;
        for (const hit of this.index.queryWithinRadius(pdqHexToWords(pdq, words), this.threshold))
          add(hit.id, 'pdq', hit.distance, dihedral, lowQueryQuality || this.lowQualitySlots.has(hit.id));
      });
    }
    if (this.videos && query.vpdq?.length) {
      for (const m of this.videos.match(query.vpdq)) {
        if (!m.isMatch) continue;
        const distance = Math.min(...m.frameMatches.map((f) => f.distance));
        const { spans, omitted } = frameSpans(m.frameMatches);
        add(m.id, 'vpdq', distance, undefined, false, {
          queryPercent: m.queryPercent,
          comparedPercent: m.comparedPercent,
          spans,
          omitted,
        });
      }
    } else if (this.videos && !lowQueryQuality && (query.pdq || query.pdqDihedral?.length)) {
      const hashes = (query.pdqDihedral?.length ? query.pdqDihedral : [query.pdq!])
        .map((hex) => parsePdqHex(hex))
        .map((pdq) => (pdq ? pdqHexToWords(pdq) : null))
        .filter((w): w is Uint32Array => w !== null);
      for (const hit of this.videos.matchStill(hashes)) {
        const frames = this.entries[hit.id]!.vpdq!.length;
        add(hit.id, 'vpdq', hit.distance, undefined, false, {
          queryPercent: 100,
          comparedPercent: frames > 0 ? 100 / frames : 0,
          spans: [
            {
              fromFrame: 0,
              toFrame: 0,
              from: -1,
              to: -1,
              otherFrom: hit.timestamp,
              otherTo: hit.timestamp,
              frames: 1,
              distance: hit.distance,
            },
          ],
          omitted: 0,
        });
      }
    }
    return this.outcome([...found.values()]);
  }

  private describe(
    slot: number,
    kind: MatchKind,
    distance: number,
    dihedral: number | undefined,
    lowQuality: boolean,
    video: VideoMatchDetail | undefined,
  ): ListMatch {
    const e = this.entries[slot]!;
    const list = this.listOf[slot]!;
    return {
      listId: list.id,
      listName: list.name,
      listKind: list.kind,
      schemeId: list.schemeId,
      entryId: e.id,
      ordinal: e.ordinal,
      kind,
      distance,
      ...(dihedral !== undefined ? { dihedral } : {}),
      ...(lowQuality ? { lowQuality: true as const } : {}),
      ...(e.category !== undefined ? { category: e.category } : {}),
      ...(e.series !== undefined ? { series: e.series } : {}),
      ...(e.label !== undefined ? { label: e.label } : {}),
      ...(video ? { video } : {}),
    };
  }

  private outcome(matches: ListMatch[]): MatchOutcome {
    matches.sort(
      (a, b) =>
        Number(isPerceptual(a.kind)) - Number(isPerceptual(b.kind)) ||
        a.distance - b.distance ||
        KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
        a.listName.localeCompare(b.listName) ||
        a.ordinal - b.ordinal,
    );
    const allowed = matches.some((m) => m.listKind === 'allow');
    const knownMatches = matches.filter((m) => m.listKind === 'known' && !m.lowQuality);
    const known = knownMatches.length > 0 && !allowed;
    const best = known ? (knownMatches.find((m) => m.category !== undefined) ?? knownMatches[0]!) : null;
    const precategorization: Precategorization | null = best
      ? {
          isPrecategorized: true,
          source: best.listName,
          schemeId: best.schemeId,
          category: best.category ?? null,
          match: best,
        }
      : null;
    return {
      matches,
      known,
      allowed,
      precategorization,
      conflicts: conflicts(knownMatches),
    };
  }
}

/** Known matches of one scheme that claim different categories (uncategorized entries claim nothing). */
function conflicts(known: readonly ListMatch[]): CategoryConflict[] {
  const byScheme = new Map<string | null, Map<number | null, ListMatch[]>>();
  for (const m of known) {
    if (m.category === undefined || m.category === null) continue;
    let claims = byScheme.get(m.schemeId);
    if (!claims) byScheme.set(m.schemeId, (claims = new Map<number | null, ListMatch[]>()));
    const list = claims.get(m.category);
    if (list) list.push(m);
    else claims.set(m.category, [m]);
  }
  const out: CategoryConflict[] = [];
  for (const [schemeId, claims] of byScheme)
    if (claims.size > 1)
      out.push({ schemeId, claims: [...claims].map(([category, matches]) => ({ category, matches })) });
  return out;
}
