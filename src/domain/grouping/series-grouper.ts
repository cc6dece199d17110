import { PDQ_WORDS, parsePdqHex, pdqHexToWords, type PdqHex } from '../hashing/pdq-hex';
import { coarseVector, dot, matchCrop } from '../image-analysis/crop-alignment';
import type { ExtraSignatures } from '../image-analysis/extra-signatures';
import type { LumaPlane } from '../image-analysis/luma-plane';
import { thumbnailPlane } from '../image-analysis/thumbnail';
import { MultiIndexHashIndex } from '../index/mih-index';
import { distanceUpTo } from '../index/slices';
import { DEFAULT_MIN_QUALITY, DEFAULT_THRESHOLD } from './grouping-options';
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
}

export interface GroupingDelta {
  /** Groups that are new or whose membership changed, with their full membership. */
  readonly groups: readonly { readonly groupId: string; readonly memberIds: readonly string[] }[];
  /** Groups that no longer exist because they were merged into another. */
  readonly merged: readonly { readonly from: string; readonly into: string }[];
}

export interface SeriesGrouperOptions {
  readonly threshold?: number;
  readonly minQuality?: number;
  /** Crop search (alignment of thumbnails) on/off; default on. */
  readonly crops?: boolean;
}

export interface SeriesGrouper {
  add(items: readonly GroupingItem[]): GroupingDelta;
  groups(): string[][];
  groupOf(id: string): string | undefined;
  readonly size: number;
}

type EdgeKind = 'pdq' | 'content' | 'turned' | 'crop';
interface Edge {
  a: number;
  b: number;
  d: number;
  kind: EdgeKind;
}

const KIND_WHOLE = 0;
const KIND_CONTENT = 1;
/** Only the most similar few candidates of a lone image are aligned (cost bound). */
const CROP_CANDIDATES = 6;
const CROP_PREFILTER = 0.5;

export function createSeriesGrouper(options: SeriesGrouperOptions = {}): SeriesGrouper {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const minQuality = options.minQuality ?? DEFAULT_MIN_QUALITY;
  const chainLimit = threshold * 2;
  const crops = options.crops ?? true;

  const ids: string[] = [];
  const indexOfId = new Map<string, number>();
  const whole: (Uint32Array | undefined)[] = [];
  const turnedWords: (Uint32Array[] | undefined)[] = [];
  const contentWords: (Uint32Array | undefined)[] = [];
  const pdqHex: (PdqHex | undefined)[] = [];
  const thumbs: (LumaPlane | undefined)[] = [];
  const coarse: (Float64Array | undefined)[] = [];
  const bySha = new Map<string, number>();
  const shaOf: (string | undefined)[] = [];
  const mainIndex = new MultiIndexHashIndex<number>();
  const turnedIndex = new MultiIndexHashIndex<number>();
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
      }
      if (extra) {
        turnedWords[i] = extra.turned.flatMap((h) => {
          const p = parsePdqHex(h);
          return p ? [pdqHexToWords(p)] : [];
        });
        const plane = thumbnailPlane(extra.thumb);
        if (plane) {
          thumbs[i] = plane;
          coarse[i] = coarseVector(plane);
        }
      }
    }
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
    }
    for (const i of fresh) {
      const w = whole[i];
      if (!w) continue;
      // Whole image in every orientation, and the content rectangle, against wholes and contents.
      const queries: { words: Uint32Array; kind: number }[] = [];
      for (let k = 0; k * PDQ_WORDS < w.length; k++)
        queries.push({ words: w.subarray(k * PDQ_WORDS, (k + 1) * PDQ_WORDS), kind: KIND_WHOLE });
      const c = contentWords[i];
      if (c) queries.push({ words: c, kind: KIND_CONTENT });
      for (const q of queries)
        for (const hit of mainIndex.queryWithinRadius(q.words, threshold)) {
          const j = hit.id >> 1;
          if (j === i) continue;
          const kind = q.kind === KIND_WHOLE && (hit.id & 1) === KIND_WHOLE ? 'pdq' : 'content';
          edges.push({ a: i, b: j, d: hit.distance, kind });
        }
      // Rotated copies: my picture against others' turned hashes, and my turned hashes against theirs.
      for (const p of primaries(i))
        for (const hit of turnedIndex.queryWithinRadius(p, threshold)) {
          const j = Math.floor(hit.id / 64);
          if (j !== i) edges.push({ a: i, b: j, d: hit.distance, kind: 'turned' });
        }
      // Within the batch the query above already met every pair (all turned hashes of the batch are
      // indexed first), so my turned hashes need only meet the pictures of earlier batches.
      if (oldCount > 0)
        for (const t of turnedWords[i] ?? [])
          for (const hit of mainIndex.queryWithinRadius(t, threshold)) {
            const j = hit.id >> 1;
            if (j < oldCount) edges.push({ a: i, b: j, d: hit.distance, kind: 'turned' });
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
  let batchStart = 0;

  function joinSeries(a: number, b: number): void {
    const ra = series.find(a);
    const rb = series.find(b);
    if (ra === rb) return;
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
    joinSeries(e.a, e.b);
  }

  function applyPartial(e: Edge): void {
    const ra = series.find(e.a);
    const rb = series.find(e.b);
    if (ra === rb) return;
    if (series.sizeOf(ra) === 1 || series.sizeOf(rb) === 1) joinSeries(e.a, e.b);
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
          joinSeries(s.e.a, s.e.b);
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
      if (!ci || series.sizeOf(i) !== 1) continue;
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
          applyPartial({ a: i, b: j, d: found.distance, kind: 'crop' });
          break;
        }
      }
    }
  }

  return {
    get size() {
      return ids.length;
    },
    add(items) {
      batchStart = ids.length;
      touched.clear();
      mergedNow.length = 0;
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
          joinSeries(first, i);
        }
      }
      // 2. PDQ families, closest first; 3. partial evidence, closest first.
      const edges = collectEdges(fresh, batchStart).sort((x, y) => x.d - y.d);
      for (const e of edges) if (e.kind === 'pdq') applyPdq(e);
      for (const e of edges) if (e.kind !== 'pdq') applyPartial(e);
      cropPhase(fresh);
      settleDeferred();

      const roots = new Set<number>();
      for (const t of touched) roots.add(series.find(t));
      return {
        groups: [...roots].map((r) => {
          const m = members.get(r)!;
          return { groupId: ids[m[0]!]!, memberIds: [...m].sort((x, y) => x - y).map((x) => ids[x]!) };
        }),
        merged: mergedNow.map(({ from, into }) => ({ from: ids[from]!, into: ids[into]! })),
      };
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
