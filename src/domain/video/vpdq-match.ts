import { parsePdqHex, pdqHexToWords, PDQ_WORDS } from '../hashing/pdq-hex';
import { MultiIndexHashIndex } from '../index/mih-index';
import { VPDQ_DISTANCE, VPDQ_MATCH_PERCENT, VPDQ_MIN_QUALITY, type VpdqFeature } from './vpdq-feature';

/**
 * vPDQ matching as the reference defines it (vpdq/README, python-threatexchange's vpdq signal):
 * 1. each video's frames under `minQuality` are dropped, then duplicate hashes (keeping the first);
 * 2. a frame of one video matches when some frame of the other is within `distance` (inclusive);
 * 3. q% = matched share of the query's frames, c% = matched share of the compared video's frames;
 * 4. the videos match when max(q%, c%) ≥ `matchPercent`. A video with no frame left matches nothing.
 * Frames are looked up in a multi-index hash index (exact: the same answers as a linear scan).
 */
export interface VpdqMatchOptions {
  readonly distance?: number;
  readonly minQuality?: number;
  readonly matchPercent?: number;
}

export interface FrameMatch {
  /** Frame number and time of the frame in the query video. */
  readonly frame: number;
  readonly timestamp: number;
  /** The closest frame of the other video. */
  readonly otherFrame: number;
  readonly otherTimestamp: number;
  readonly distance: number;
}

export interface VpdqComparison {
  /** q%: share of the query's (filtered, deduplicated) frames found in the other video, 0-100. */
  readonly queryPercent: number;
  /** c%: share of the other video's frames found in the query, 0-100. */
  readonly comparedPercent: number;
  readonly isMatch: boolean;
  readonly queryFrames: number;
  readonly comparedFrames: number;
  /** Each matched frame of the query with its closest frame in the other video, in frame order. */
  readonly frameMatches: readonly FrameMatch[];
}

/** Quality filter, then duplicate removal (first occurrence kept): what both sides match on. */
export function prepareVpdqFeatures(
  features: readonly VpdqFeature[],
  minQuality = VPDQ_MIN_QUALITY,
): VpdqFeature[] {
  const seen = new Set<string>();
  const out: VpdqFeature[] = [];
  for (const f of features) {
    if (f.quality < minQuality) continue;
    const pdq = parsePdqHex(f.pdq);
    if (!pdq || seen.has(pdq)) continue;
    seen.add(pdq);
    out.push(pdq === f.pdq ? f : { ...f, pdq });
  }
  return out;
}

/** One video's prepared frames and their index, built once and compared against many others. */
export class VpdqSignal {
  readonly features: readonly VpdqFeature[];
  readonly words: Uint32Array;
  private index: MultiIndexHashIndex<number> | undefined;

  constructor(features: readonly VpdqFeature[], minQuality = VPDQ_MIN_QUALITY) {
    this.features = prepareVpdqFeatures(features, minQuality);
    this.words = new Uint32Array(this.features.length * PDQ_WORDS);
    this.features.forEach((f, i) => pdqHexToWords(f.pdq, this.words, i * PDQ_WORDS));
  }

  get size(): number {
    return this.features.length;
  }

  /** Frames (by position in `features`) within `distance` of a hash, closest first. */
  framesNear(hash: Uint32Array, distance: number): readonly { id: number; distance: number }[] {
    if (!this.index) {
      this.index = new MultiIndexHashIndex<number>(Math.max(16, this.features.length));
      for (let i = 0; i < this.features.length; i++)
        this.index.add(i, this.words.subarray(i * PDQ_WORDS, (i + 1) * PDQ_WORDS));
    }
    return this.index.queryWithinRadius(hash, distance);
  }

  /** Frames of this signal that have a frame of `other` within `distance`, each with its closest. */
  matchedFrames(other: VpdqSignal, distance: number): FrameMatch[] {
    const out: FrameMatch[] = [];
    if (other.size === 0) return out;
    for (let i = 0; i < this.features.length; i++) {
      const hits = other.framesNear(this.words.subarray(i * PDQ_WORDS, (i + 1) * PDQ_WORDS), distance);
      const best = hits[0];
      if (!best) continue;
      const f = this.features[i]!;
      const o = other.features[best.id]!;
      out.push({
        frame: f.frame,
        timestamp: f.timestamp,
        otherFrame: o.frame,
        otherTimestamp: o.timestamp,
        distance: best.distance,
      });
    }
    return out;
  }
}

export function compareVpdqSignals(
  query: VpdqSignal,
  compared: VpdqSignal,
  options: VpdqMatchOptions = {},
): VpdqComparison {
  const distance = options.distance ?? VPDQ_DISTANCE;
  const threshold = options.matchPercent ?? VPDQ_MATCH_PERCENT;
  if (query.size === 0 || compared.size === 0)
    return {
      queryPercent: 0,
      comparedPercent: 0,
      isMatch: false,
      queryFrames: query.size,
      comparedFrames: compared.size,
      frameMatches: [],
    };
  const frameMatches = query.matchedFrames(compared, distance);
  const back = compared.matchedFrames(query, distance).length;
  const queryPercent = (frameMatches.length * 100) / query.size;
  const comparedPercent = (back * 100) / compared.size;
  return {
    queryPercent,
    comparedPercent,
    isMatch: Math.max(queryPercent, comparedPercent) >= threshold,
    queryFrames: query.size,
    comparedFrames: compared.size,
    frameMatches,
  };
}

/** Compares two frame lists (prepared with the same minimum quality). */
export function compareVpdq(
  query: readonly VpdqFeature[],
  compared: readonly VpdqFeature[],
  options: VpdqMatchOptions = {},
): VpdqComparison {
  const minQuality = options.minQuality ?? VPDQ_MIN_QUALITY;
  return compareVpdqSignals(new VpdqSignal(query, minQuality), new VpdqSignal(compared, minQuality), options);
}
