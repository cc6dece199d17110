import { PDQ_WORDS } from '../hashing/pdq-hex';
import { forEachCrossPairWithinRadius, forEachPairWithinRadius } from '../index/pair-join';
import { orientedDistanceWithin } from './anchor-guard';
import { DEFAULT_MIN_QUALITY, DEFAULT_THRESHOLD } from './grouping-options';
import { UnionFind } from './union-find';

/**
 * Groups a whole set of precomputed PDQ hashes at once (the `--hashes` path and the benchmark): all
 * pairs within the threshold come from the slice join (exact), in every dihedral orientation when the
 * variants are given; edges are applied closest first through union-find with the anchor guard.
 * Hashes below the quality gate are grouped only by an exact key (e.g. SHA-256), never by PDQ.
 */
export interface HashBatch {
  readonly count: number;
  /** count × 8 words: each item's PDQ as stored. */
  readonly words: Uint32Array;
  /** 0-100 per item; absent means every hash is usable. */
  readonly quality?: Uint8Array;
  /** count × 7 × 8 words: rotate90 … flipMinus1 for items whose `hasVariants` is 1. */
  readonly variants?: Uint32Array;
  readonly hasVariants?: Uint8Array;
  /** Exact identity (SHA-256) per item, when known: equal keys always group, whatever the quality. */
  readonly exactKeys?: readonly (string | undefined)[];
}

export interface BatchGroupingOptions {
  readonly threshold?: number;
  readonly minQuality?: number;
  /** Anchor-to-anchor limit for merging two groups (default: twice the threshold). */
  readonly chainLimit?: number;
}

export interface BatchGrouping {
  /** Group number per item, 0..groupCount-1, numbered by each group's first item. */
  readonly labels: Int32Array;
  readonly groupCount: number;
  /** Pairs within the threshold that were found (in any orientation). */
  readonly edgesFound: number;
  /** Of those, the ones the anchor guard refused to merge on. */
  readonly edgesRefused: number;
}

export function groupHashBatch(batch: HashBatch, options: BatchGroupingOptions = {}): BatchGrouping {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const minQuality = options.minQuality ?? DEFAULT_MIN_QUALITY;
  const chainLimit = options.chainLimit ?? threshold * 2;
  const { count, words, quality, variants, hasVariants } = batch;

  // Only hashes that pass the quality gate take part in PDQ matching.
  const eligible: number[] = [];
  for (let i = 0; i < count; i++) if (!quality || quality[i]! >= minQuality) eligible.push(i);
  const all = eligible.length === count;
  const packed = all ? words : new Uint32Array(eligible.length * PDQ_WORDS);
  if (!all)
    eligible.forEach((item, j) =>
      packed.set(words.subarray(item * PDQ_WORDS, (item + 1) * PDQ_WORDS), j * PDQ_WORDS),
    );

  // Edges bucketed by distance, so they are applied closest first.
  const byDistance: number[][] = Array.from({ length: threshold + 1 }, () => []);
  let edgesFound = 0;
  forEachPairWithinRadius(packed, eligible.length, threshold, (a, b, d) => {
    byDistance[d]!.push(eligible[a]!, eligible[b]!);
    edgesFound++;
  });
  if (variants && hasVariants) {
    const owners: number[] = [];
    for (const item of eligible) if (hasVariants[item]) for (let k = 0; k < 7; k++) owners.push(item * 7 + k);
    const turned = new Uint32Array(owners.length * PDQ_WORDS);
    owners.forEach((v, j) =>
      turned.set(variants.subarray(v * PDQ_WORDS, (v + 1) * PDQ_WORDS), j * PDQ_WORDS),
    );
    forEachCrossPairWithinRadius(turned, owners.length, packed, eligible.length, threshold, (v, b, d) => {
      const a = Math.floor(owners[v]! / 7);
      const item = eligible[b]!;
      if (a === item) return;
      byDistance[d]!.push(a, item);
      edgesFound++;
    });
  }

  const uf = new UnionFind(count);
  const anchor = new Int32Array(count);
  for (let i = 0; i < count; i++) anchor[i] = i;
  const keys = batch.exactKeys;
  if (keys) {
    const first = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const key = keys[i];
      if (key === undefined) continue;
      const seen = first.get(key);
      if (seen === undefined) first.set(key, i);
      else join(seen, i);
    }
  }
  let edgesRefused = 0;
  for (const list of byDistance) {
    for (let e = 0; e < list.length; e += 2) {
      const ra = uf.find(list[e]!);
      const rb = uf.find(list[e + 1]!);
      if (ra === rb) continue;
      if (!orientedDistanceWithin(words, anchor[ra]!, anchor[rb]!, variants, hasVariants, chainLimit)) {
        edgesRefused++;
        continue;
      }
      join(ra, rb);
    }
  }

  function join(a: number, b: number): void {
    const ra = uf.find(a);
    const rb = uf.find(b);
    const root = uf.union(ra, rb);
    if (root >= 0) anchor[root] = Math.min(anchor[ra]!, anchor[rb]!);
  }

  const labels = new Int32Array(count);
  const labelOfRoot = new Int32Array(count).fill(-1);
  let groupCount = 0;
  for (let i = 0; i < count; i++) {
    const root = uf.find(i);
    if (labelOfRoot[root] === -1) labelOfRoot[root] = groupCount++;
    labels[i] = labelOfRoot[root]!;
  }
  return { labels, groupCount, edgesFound, edgesRefused };
}
