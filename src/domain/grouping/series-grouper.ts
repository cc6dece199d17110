import { DESCRIPTOR_WORDS } from '../features/brief-pattern';
import { FeatureIndex } from '../features/feature-index';
import type { LocalFeatures } from '../features/local-features';
import { CheckWays, type PairVerification } from '../features/verify-pair';
import { DIHEDRAL_NAMES } from '../hashing/pdq-dihedral';
import { PDQ_WORDS, parsePdqHex, pdqHexToWords, type PdqHex } from '../hashing/pdq-hex';
import { coarseVector, dot, matchCrop } from '../image-analysis/crop-alignment';
import type { ExtraSignatures } from '../image-analysis/extra-signatures';
import type { LumaPlane } from '../image-analysis/luma-plane';
import { thumbnailPlane } from '../image-analysis/thumbnail';
import { MultiIndexHashIndex } from '../index/mih-index';
import { distanceUpTo } from '../index/slices';
import { DEFAULT_MIN_QUALITY, DEFAULT_THRESHOLD } from './grouping-options';
import { LinkKind, type SeriesLink } from './series-link';
import { UnionFind } from './union-find';

/**
 * Incremental near-duplicate series: `add` a batch, get back only what changed.
 *
 * Evidence, strongest first:
 * 1. exact copies (same SHA-256), whatever the quality;
 * 2. whole-image PDQ within the threshold in any of the 8 orientations ("pdq" edges), only for hashes
 *    of quality ≥ minQuality. Guarded against chaining: two PDQ families merge only when their founders
 *    are within twice the threshold (see anchor-guard.ts);
 * 3. "partial" edges from the extra signatures: the picture inside borders or a screenshot (content
 *    hash), a small rotation (turned hashes), a crop (aligned and confirmed by PDQ). These say "one
 *    contains the other", so one image could link two unrelated series (a collage, a screenshot of two
 *    photos). Guard: a partial edge may bring a lone image into a series; two series of two or more
 *    merge on partial evidence only when at least two different images on each side support it.
 *    Also partial: a collage tile's hash ("tile" edges) and
 * 4. "keypoints" edges: pairs no hash confirmed, proposed by the index of descriptors (FeatureIndex,
 *    a bounded number of candidates per image) and confirmed by the geometric check (verifyPair: one
 *    picture contained in the other, many inliers spread over it). The check needs both images'
 *    features: `add` returns the pairs to check (`checks`) unless a synchronous `verify` is given, and
 *    `confirm` applies the answers, so a caller may load stored features in between. The index is
 *    also asked with an image's mirror descriptors (a mirrored copy), and each pair says which ways
 *    it met (`CheckWays`), so the check runs only those.
 *    An image with two or more tiles (a collage) joins at most one series through its tiles: it
 *    holds unrelated pictures, and must never bridge their series. Nor does it join another collage
 *    through a tile: the two share one picture, and either may sit with another of its own.
 *
 * A pair linked by PDQ is never unlinked by the later stages: they only ever join series.
 * Every join is recorded as a link with its evidence (series-link.ts): the tree of links explains
 * each series.
 *
 * Invariant: every item added is in exactly one group; a group's id is the id of its earliest item and
 * never changes while the group lives (a merge keeps the older id and reports the other as merged).
 */
export interface GroupingItem {
  readonly id: string;
  readonly sha256?: string;
  readonly pdq?: PdqHex;
  readonly quality?: number;
  /** 8 hashes (original first) or the 7 turned ones, as `waymark hash` and the worker give them. */
  readonly dihedral?: readonly PdqHex[];
  readonly extra?: ExtraSignatures;
  /** Keypoints and descriptors, for the geometric check of pairs no hash confirms. */
  readonly features?: LocalFeatures;
}

export interface GroupingDelta {
  /** Groups that are new or whose membership changed, with their full membership. */
  readonly groups: readonly { readonly groupId: string; readonly memberIds: readonly string[] }[];
  /** Groups that no longer exist because they were merged into another. */
  readonly merged: readonly { readonly from: string; readonly into: string }[];
  /** The joins made, each with its evidence (the series' explanation). */
  readonly links: readonly SeriesLink[];
  /** Candidate pairs still to be checked geometrically (pass the answers to `confirm`). */
  readonly checks: readonly PairCheck[];
}

export interface PairCheck {
  readonly a: string;
  readonly b: string;
  /** How the index proposed the pair: by the images' own descriptors, by mirror descriptors, or both. */
  readonly ways: CheckWays;
}

export interface CheckedPair extends Omit<PairCheck, 'ways'> {
  readonly verification: PairVerification | null;
}

export interface SeriesGrouperOptions {
  readonly threshold?: number;
  readonly minQuality?: number;
  /** Crop search (alignment of thumbnails) on/off; default on (only for items without features). */
  readonly crops?: boolean;
  /** Keypoint candidates checked per image (default CHECKS_PER_IMAGE). */
  readonly checksPerImage?: number;
}

export interface SeriesGrouper {
  /**
   * Adds a batch. With `verify`, candidate pairs are checked at once; without, they come back in
   * `checks` for `confirm`.
   */
  add(
    items: readonly GroupingItem[],
    verify?: (a: string, b: string, ways: CheckWays) => PairVerification | null,
  ): GroupingDelta;
  /** Applies the answers to `checks` (a pair whose images joined meanwhile is skipped). */
  confirm(results: readonly CheckedPair[]): GroupingDelta;
  groups(): string[][];
  groupOf(id: string): string | undefined;
  readonly size: number;
}

interface Edge {
  a: number;
  b: number;
  d: number;
  kind: LinkKind;
  orientation?: number;
  rect?: readonly number[];
  side?: 'a' | 'b';
  geometry?: PairVerification;
}

const KIND_WHOLE = 0;
const KIND_CONTENT = 1;
/** Only the most similar few candidates of a lone image are aligned (cost bound). */
const CROP_CANDIDATES = 6;
const CROP_PREFILTER = 0.5;
/**
 * Keypoint candidates checked per new image (a check costs 1-3 ms of CPU since descriptor matching runs
 * in WebAssembly). 8, not 6: the seventh and eighth hold crops of smooth or blurred pictures whose
 * original is outranked by generic corners; they were not taken while two screenshots of one app
 * could meet by their chrome, which the picture's own box now leaves out (docs/GROUPING.md).
 */
export const CHECKS_PER_IMAGE = 8;
/** More candidates for each tile of a collage (a collage has at most a few tiles: a bounded cost). */
const CHECKS_PER_TILE = 3;
/**
 * Candidates checked per image for a mirrored copy, asked with every MIRROR_QUERY_STEP-th of its
 * mirror descriptors (the descriptors its flipped copy has): a mirrored copy meets its original there
 * as any copy does. A quarter of the descriptors quarter the query's cost (it walks the index's
 * bucket chains again, the grouper's largest late cost at 100k images); on the harder corpus each
 * mirrored copy's original was still its first candidate that way (docs/GROUPING.md).
 */
const CHECKS_PER_MIRROR = 1;
const MIRROR_QUERY_STEP = 4;

export function createSeriesGrouper(options: SeriesGrouperOptions = {}): SeriesGrouper {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const minQuality = options.minQuality ?? DEFAULT_MIN_QUALITY;
  const chainLimit = threshold * 2;
  const crops = options.crops ?? true;
  const checksPerImage = options.checksPerImage ?? CHECKS_PER_IMAGE;

  const ids: string[] = [];
  const indexOfId = new Map<string, number>();
  const whole: (Uint32Array | undefined)[] = [];
  const turnedWords: (Uint32Array[] | undefined)[] = [];
  const contentWords: (Uint32Array | undefined)[] = [];
  const tileWordsOf: (Uint32Array[] | undefined)[] = [];
  const pdqHex: (PdqHex | undefined)[] = [];
  const thumbs: (LumaPlane | undefined)[] = [];
  const coarse: (Float64Array | undefined)[] = [];
  const contentRect: (readonly number[] | undefined)[] = [];
  const bySha = new Map<string, number>();
  const shaOf: (string | undefined)[] = [];
  const mainIndex = new MultiIndexHashIndex<number>();
  const turnedIndex = new MultiIndexHashIndex<number>();
  const tileIndex = new MultiIndexHashIndex<number>();
  const tileRects: (readonly (readonly number[])[] | undefined)[] = [];
  const tileCount: number[] = [];
  const featureIndex = new FeatureIndex();
  const hasFeatures: boolean[] = [];
  /** Features of the batch being added, for checks within it (older ones come through `verify`). */
  let batchFeatures = new Map<number, LocalFeatures>();
  const pdqFamilies = new UnionFind();
  const familyAnchor: number[] = [];
  const series = new UnionFind();
  const members = new Map<number, number[]>();
  /** Partial edges between two multi-image series, kept until enough support arrives. */
  let deferred: Edge[] = [];

  function register(item: GroupingItem): number | null {
    if (indexOfId.has(item.id)) return null;
    const i = ids.length;
    ids.push(item.id);
    indexOfId.set(item.id, i);
    pdqFamilies.extendTo(i + 1);
    series.extendTo(i + 1);
    familyAnchor[i] = i;
    members.set(i, [i]);
    shaOf[i] = item.sha256;
    const pdq = item.pdq ? parsePdqHex(item.pdq) : null;
    const usable = pdq !== null && (item.quality ?? 100) >= minQuality;
    if (usable) {
      const words = new Uint32Array(PDQ_WORDS * 8);
      pdqHexToWords(pdq, words, 0);
      const turned = item.dihedral?.length === 8 ? item.dihedral.slice(1) : item.dihedral;
      let k = 1;
      for (const h of turned ?? []) {
        const p = parsePdqHex(h);
        if (p && k < 8) pdqHexToWords(p, words, PDQ_WORDS * k++);
      }
      whole[i] = words.subarray(0, PDQ_WORDS * k);
      pdqHex[i] = pdq;
      const extra = item.extra;
      if (extra?.content && extra.content.quality >= minQuality) {
        const c = parsePdqHex(extra.content.hash);
        if (c) contentWords[i] = pdqHexToWords(c);
        contentRect[i] = extra.content.rect;
      }
      if (extra?.tiles) {
        const rects: (readonly number[])[] = [];
        const words: Uint32Array[] = [];
        for (const t of extra.tiles) {
          const h = t.quality >= minQuality ? parsePdqHex(t.hash) : null;
          if (!h) continue;
          rects.push(t.rect);
          words.push(pdqHexToWords(h));
        }
        tileRects[i] = rects;
        tileWordsOf[i] = words;
      }
      if (extra) {
        turnedWords[i] = extra.turned.flatMap((h) => {
          const p = parsePdqHex(h);
          return p ? [pdqHexToWords(p)] : [];
        });
        const plane = item.features ? null : thumbnailPlane(extra.thumb);
        if (plane) {
          thumbs[i] = plane;
          coarse[i] = coarseVector(plane);
        }
      }
    }
    tileCount[i] = Math.max(item.features?.regions.length ?? 0, item.extra?.tiles?.length ?? 0);
    hasFeatures[i] = item.features !== undefined && item.features.descriptors.length > 0;
    if (item.features && hasFeatures[i]) batchFeatures.set(i, item.features);
    return i;
  }

  function primaries(i: number): Uint32Array[] {
    const out: Uint32Array[] = [];
    const w = whole[i];
    if (w) out.push(w.subarray(0, PDQ_WORDS));
    const c = contentWords[i];
    if (c) out.push(c);
    return out;
  }

  function collectEdges(fresh: number[], oldCount: number): Edge[] {
    const edges: Edge[] = [];
    for (const i of fresh) {
      const w = whole[i];
      if (!w) continue;
      mainIndex.add(i * 2 + KIND_WHOLE, w.subarray(0, PDQ_WORDS));
      const c = contentWords[i];
      if (c) mainIndex.add(i * 2 + KIND_CONTENT, c);
      turnedWords[i]?.forEach((t, k) => turnedIndex.add(i * 64 + k, t));
      tileWordsOf[i]?.forEach((t, k) => tileIndex.add(i * 16 + k, t));
    }
    for (const i of fresh) {
      const w = whole[i];
      if (!w) continue;
      // Whole image in every orientation, and the content rectangle, against wholes and contents.
      const queries: { words: Uint32Array; kind: number; k: number }[] = [];
      for (let k = 0; k * PDQ_WORDS < w.length; k++)
        queries.push({ words: w.subarray(k * PDQ_WORDS, (k + 1) * PDQ_WORDS), kind: KIND_WHOLE, k });
      const c = contentWords[i];
      if (c) queries.push({ words: c, kind: KIND_CONTENT, k: 0 });
      for (const q of queries)
        for (const hit of mainIndex.queryWithinRadius(q.words, threshold)) {
          const j = hit.id >> 1;
          if (j === i) continue;
          const hitWhole = (hit.id & 1) === KIND_WHOLE;
          if (q.kind === KIND_WHOLE && hitWhole)
            edges.push({ a: i, b: j, d: hit.distance, kind: LinkKind.pdq, orientation: q.k });
          else {
            const side = q.kind === KIND_CONTENT ? 'a' : 'b';
            const rect = contentRect[side === 'a' ? i : j];
            edges.push({
              a: i,
              b: j,
              d: hit.distance,
              kind: LinkKind.content,
              side,
              ...(rect ? { rect } : {}),
            });
          }
        }
      // Collage tiles: my picture against others' tiles, and my tiles against their pictures.
      for (const p of primaries(i))
        for (const hit of tileIndex.queryWithinRadius(p, threshold)) {
          const j = hit.id >> 4;
          const rect = tileRects[j]?.[hit.id & 15];
          if (j !== i)
            edges.push({
              a: i,
              b: j,
              d: hit.distance,
              kind: LinkKind.tile,
              side: 'b',
              ...(rect ? { rect } : {}),
            });
        }
      tileWordsOf[i]?.forEach((t, k) => {
        for (const hit of mainIndex.queryWithinRadius(t, threshold)) {
          const j = hit.id >> 1;
          const rect = tileRects[i]?.[k];
          if (j !== i && (j < oldCount || (hit.id & 1) === KIND_CONTENT))
            edges.push({
              a: i,
              b: j,
              d: hit.distance,
              kind: LinkKind.tile,
              side: 'a',
              ...(rect ? { rect } : {}),
            });
        }
      });
      // Rotated copies: my picture against others' turned hashes, and my turned hashes against theirs.
      for (const p of primaries(i))
        for (const hit of turnedIndex.queryWithinRadius(p, threshold)) {
          const j = Math.floor(hit.id / 64);
          if (j !== i) edges.push({ a: i, b: j, d: hit.distance, kind: LinkKind.turned });
        }
      // Within the batch the query above already met every pair (all turned hashes of the batch are
      // indexed first), so my turned hashes need only meet the pictures of earlier batches.
      if (oldCount > 0)
        for (const t of turnedWords[i] ?? [])
          for (const hit of mainIndex.queryWithinRadius(t, threshold)) {
            const j = hit.id >> 1;
            if (j < oldCount) edges.push({ a: i, b: j, d: hit.distance, kind: LinkKind.turned });
          }
    }
    return edges;
  }

  function familiesClose(a: number, b: number): boolean {
    const wa = whole[a];
    const wb = whole[b];
    if (!wa || !wb) return false;
    for (let k = 0; k * PDQ_WORDS < wa.length; k++)
      if (distanceUpTo(wa, k * PDQ_WORDS, wb, 0, chainLimit) <= chainLimit) return true;
    for (let k = 1; k * PDQ_WORDS < wb.length; k++)
      if (distanceUpTo(wb, k * PDQ_WORDS, wa, 0, chainLimit) <= chainLimit) return true;
    return false;
  }

  const touched = new Set<number>();
  const mergedNow: { from: number; into: number }[] = [];
  const linksNow: SeriesLink[] = [];
  let batchStart = 0;

  function linkOf(e: Edge): SeriesLink {
    return {
      a: ids[e.a]!,
      b: ids[e.b]!,
      kind: e.kind,
      ...(e.kind === LinkKind.exact || e.kind === LinkKind.keypoints ? {} : { distance: e.d }),
      ...(e.orientation !== undefined ? { orientation: DIHEDRAL_NAMES[e.orientation] } : {}),
      ...(e.rect ? { rect: e.rect } : {}),
      ...(e.side ? { side: e.side } : {}),
      ...(e.geometry ? { geometry: e.geometry } : {}),
    };
  }

  function joinSeries(e: Edge): void {
    const { a, b } = e;
    const ra = series.find(a);
    const rb = series.find(b);
    if (ra === rb) return;
    linksNow.push(linkOf(e));
    const ma = members.get(ra)!;
    const mb = members.get(rb)!;
    const root = series.union(ra, rb);
    const other = root === ra ? rb : ra;
    const keep = root === ra ? ma : mb;
    const gone = root === ra ? mb : ma;
    for (const m of gone) keep.push(m);
    members.delete(other);
    // The group id is the earliest member's; keep it first.
    const firstKeep = keep[0]!;
    const firstGone = gone[0]!;
    if (firstGone < firstKeep) {
      const at = keep.length - gone.length;
      keep[0] = firstGone;
      keep[at] = firstKeep;
    }
    const older = Math.min(firstKeep, firstGone);
    const newer = Math.max(firstKeep, firstGone);
    if (newer < batchStart) mergedNow.push({ from: newer, into: older });
    touched.add(root);
  }

  function applyPdq(e: Edge): void {
    const fa = pdqFamilies.find(e.a);
    const fb = pdqFamilies.find(e.b);
    if (fa === fb) return;
    if (!familiesClose(familyAnchor[fa]!, familyAnchor[fb]!)) return;
    const root = pdqFamilies.union(fa, fb);
    familyAnchor[root] = Math.min(familyAnchor[fa]!, familyAnchor[fb]!);
    joinSeries(e);
  }

  function applyPartial(e: Edge): void {
    const ra = series.find(e.a);
    const rb = series.find(e.b);
    if (ra === rb) return;
    // A collage joins one series, while it is alone; then its tiles no longer link anything. Two
    // collages never join each other: they share one picture at most, and either may already sit
    // (or later sit) with another of its tiles, a picture the other does not hold.
    const aCollage = tileCount[e.a]! >= 2;
    const bCollage = tileCount[e.b]! >= 2;
    if ((aCollage || bCollage) && (e.kind === LinkKind.tile || e.kind === LinkKind.keypoints)) {
      if (aCollage !== bCollage && series.sizeOf(series.find(aCollage ? e.a : e.b)) === 1) joinSeries(e);
      return;
    }
    if (series.sizeOf(ra) === 1 || series.sizeOf(rb) === 1) joinSeries(e);
    else deferred.push(e);
  }

  function settleDeferred(): void {
    let changed = true;
    while (changed) {
      changed = false;
      const support = new Map<string, { ends: [Set<number>, Set<number>]; e: Edge }>();
      const keep: Edge[] = [];
      for (const e of deferred) {
        const ra = series.find(e.a);
        const rb = series.find(e.b);
        if (ra === rb) continue;
        keep.push(e);
        const [lo, hi, x, y] = ra < rb ? [ra, rb, e.a, e.b] : [rb, ra, e.b, e.a];
        const key = `${lo}:${hi}`;
        const s = support.get(key) ?? { ends: [new Set<number>(), new Set<number>()], e };
        s.ends[0].add(x);
        s.ends[1].add(y);
        support.set(key, s);
      }
      deferred = keep;
      for (const s of support.values())
        if (s.ends[0].size >= 2 && s.ends[1].size >= 2 && series.find(s.e.a) !== series.find(s.e.b)) {
          joinSeries(s.e);
          changed = true;
        }
    }
  }

  const topJ = new Int32Array(CROP_CANDIDATES);
  const topScore = new Float64Array(CROP_CANDIDATES);

  function cropPhase(fresh: number[]): void {
    if (!crops) return;
    const freshSet = new Set(fresh);
    for (let i = 0; i < ids.length; i++) {
      const ci = coarse[i];
      if (!ci || series.sizeOf(series.find(i)) !== 1) continue;
      const isFresh = freshSet.has(i);
      // The best few by coarse correlation, kept in place (no allocation per pair scanned).
      topJ.fill(-1);
      topScore.fill(-2);
      const scan = (j: number) => {
        const cj = coarse[j];
        if (j === i || !cj) return;
        const score = dot(ci, cj);
        if (score < CROP_PREFILTER || score <= topScore[CROP_CANDIDATES - 1]!) return;
        let at = CROP_CANDIDATES - 1;
        while (at > 0 && topScore[at - 1]! < score) {
          topScore[at] = topScore[at - 1]!;
          topJ[at] = topJ[at - 1]!;
          at--;
        }
        topScore[at] = score;
        topJ[at] = j;
      };
      if (isFresh) for (let j = 0; j < ids.length; j++) scan(j);
      else for (const j of fresh) scan(j);
      for (const j of topJ) {
        if (j < 0) break;
        const found =
          matchCrop(thumbs[j]!, thumbs[i]!, pdqHex[i]!, threshold) ??
          matchCrop(thumbs[i]!, thumbs[j]!, pdqHex[j]!, threshold);
        if (found) {
          applyPartial({
            a: i,
            b: j,
            d: found.distance,
            kind: LinkKind.crop,
            side: thumbs[j] === thumbs[i] ? 'a' : 'b',
            rect: found.window,
          });
          break;
        }
      }
    }
  }

  /**
   * Candidate pairs from the descriptor index for the fresh images with features, each pair once,
   * with the ways it met (own descriptors, mirror descriptors, or both).
   */
  function keypointCandidates(fresh: number[]): { a: number; b: number; ways: CheckWays }[] {
    const withFeatures = fresh.filter((i) => hasFeatures[i]);
    for (const i of withFeatures) featureIndex.add(i, batchFeatures.get(i)!.descriptors);
    const found = new Map<number, { a: number; b: number; ways: CheckWays }>();
    for (const i of withFeatures) {
      const features = batchFeatures.get(i)!;
      const propose = (descriptors: Uint32Array, limit: number, way: CheckWays) => {
        for (const { id: j } of featureIndex.candidates(descriptors, i, limit, ids.length)) {
          const [a, b] = i < j ? [i, j] : [j, i];
          const key = a * 2 ** 21 + b;
          const known = found.get(key);
          if (!known) found.set(key, { a, b, ways: way });
          else if (known.ways !== way) found.set(key, { a, b, ways: CheckWays.both });
        }
      };
      propose(features.descriptors, checksPerImage, CheckWays.direct);
      if (features.mirrored)
        propose(everyNth(features.mirrored, MIRROR_QUERY_STEP), CHECKS_PER_MIRROR, CheckWays.mirrored);
      // A collage also asks with each tile's keypoints alone: as a whole it looks most like other
      // collages of the same template (their text cards and gutters), and a photo of one tile would
      // never make the first places.
      if (features.regions.length >= 2)
        for (const region of features.regions)
          propose(descriptorsInside(features, region), CHECKS_PER_TILE, CheckWays.direct);
    }
    return [...found.values()];
  }

  function applyChecked(results: readonly { a: number; b: number; v: PairVerification | null }[]): void {
    const edges: Edge[] = [];
    for (const { a, b, v } of results)
      if (v) edges.push({ a, b, d: -v.inliers, kind: LinkKind.keypoints, geometry: v });
    // Most inliers first: a collage joins the series of its clearest tile. A lone image joins an
    // existing series before two lone images pair up (a pair would then need two supporters on each
    // side to meet that series), so passes repeat while they join anything. Matches as the pictures
    // are come before mirrored ones: a crop is shown lying in its original, not in a mirrored copy.
    const mirrored = (e: Edge) => (e.geometry?.mirrored ? 1 : 0);
    edges.sort((x, y) => mirrored(x) - mirrored(y) || x.d - y.d || x.a - y.a || x.b - y.b);
    let pending = edges;
    while (pending.length > 0) {
      const size = (i: number) => series.sizeOf(series.find(i));
      const intoSeries = pending.filter((e) => (size(e.a) === 1) !== (size(e.b) === 1));
      const first = intoSeries[0] ?? pending[0]!;
      applyPartial(first);
      pending = pending.filter((e) => e !== first && series.find(e.a) !== series.find(e.b));
    }
    settleDeferred();
  }

  function delta(checks: PairCheck[]): GroupingDelta {
    const roots = new Set<number>();
    for (const t of touched) roots.add(series.find(t));
    return {
      groups: [...roots].map((r) => {
        const m = members.get(r)!;
        return { groupId: ids[m[0]!]!, memberIds: [...m].sort((x, y) => x - y).map((x) => ids[x]!) };
      }),
      merged: mergedNow.map(({ from, into }) => ({ from: ids[from]!, into: ids[into]! })),
      links: [...linksNow],
      checks,
    };
  }

  function begin(start: number): void {
    batchStart = start;
    touched.clear();
    mergedNow.length = 0;
    linksNow.length = 0;
  }

  return {
    get size() {
      return ids.length;
    },
    add(items, verify) {
      begin(ids.length);
      batchFeatures = new Map();
      const fresh: number[] = [];
      for (const item of items) {
        const i = register(item);
        if (i === null) continue;
        fresh.push(i);
        touched.add(i);
      }
      // 1. Exact copies.
      for (const i of fresh) {
        const sha = shaOf[i];
        if (!sha) continue;
        const first = bySha.get(sha);
        if (first === undefined) bySha.set(sha, i);
        else {
          const root = pdqFamilies.union(first, i);
          if (root >= 0) familyAnchor[root] = Math.min(familyAnchor[first]!, i);
          joinSeries({ a: i, b: first, d: 0, kind: LinkKind.exact });
        }
      }
      // 2. PDQ families, closest first; 3. partial evidence, closest first.
      const edges = collectEdges(fresh, batchStart).sort((x, y) => x.d - y.d);
      for (const e of edges) if (e.kind === LinkKind.pdq) applyPdq(e);
      for (const e of edges) if (e.kind !== LinkKind.pdq) applyPartial(e);
      cropPhase(fresh);
      settleDeferred();
      // 4. Keypoints, for the pairs no hash joined.
      const pairs = keypointCandidates(fresh).filter(({ a, b }) => series.find(a) !== series.find(b));
      let checks: PairCheck[] = [];
      if (verify) applyChecked(pairs.map(({ a, b, ways }) => ({ a, b, v: verify(ids[a]!, ids[b]!, ways) })));
      else checks = pairs.map(({ a, b, ways }) => ({ a: ids[a]!, b: ids[b]!, ways }));
      batchFeatures = new Map();
      return delta(checks);
    },
    confirm(results) {
      begin(ids.length);
      const known: { a: number; b: number; v: PairVerification | null }[] = [];
      for (const r of results) {
        const a = indexOfId.get(r.a);
        const b = indexOfId.get(r.b);
        if (a !== undefined && b !== undefined) known.push({ a, b, v: r.verification });
      }
      applyChecked(known);
      return delta([]);
    },
    groups() {
      return [...members.values()]
        .sort((a, b) => a[0]! - b[0]!)
        .map((m) => [...m].sort((x, y) => x - y).map((x) => ids[x]!));
    },
    groupOf(id) {
      const i = indexOfId.get(id);
      return i === undefined ? undefined : ids[members.get(series.find(i))![0]!];
    },
  };
}

/** The descriptors of the keypoints inside `region` ([x0,y0,x1,y1] fractions of the picture). */
function descriptorsInside(features: LocalFeatures, region: readonly number[]): Uint32Array {
  const [x0, y0, x1, y1] = region.map((v) => v * 65535) as [number, number, number, number];
  const kept: number[] = [];
  for (let k = 0; k < features.xy.length / 2; k++) {
    const x = features.xy[k * 2]!;
    const y = features.xy[k * 2 + 1]!;
    if (x >= x0 && x <= x1 && y >= y0 && y <= y1) kept.push(k);
  }
  const out = new Uint32Array(kept.length * DESCRIPTOR_WORDS);
  kept.forEach((k, n) =>
    out.set(
      features.descriptors.subarray(k * DESCRIPTOR_WORDS, (k + 1) * DESCRIPTOR_WORDS),
      n * DESCRIPTOR_WORDS,
    ),
  );
  return out;
}

/** Every step-th descriptor of a set (the set is ordered by pyramid level, so all levels keep some). */
function everyNth(descriptors: Uint32Array, step: number): Uint32Array {
  const count = descriptors.length / DESCRIPTOR_WORDS;
  const out = new Uint32Array(Math.ceil(count / step) * DESCRIPTOR_WORDS);
  for (let k = 0, n = 0; k < count; k += step, n++)
    out.set(descriptors.subarray(k * DESCRIPTOR_WORDS, (k + 1) * DESCRIPTOR_WORDS), n * DESCRIPTOR_WORDS);
  return out;
}
