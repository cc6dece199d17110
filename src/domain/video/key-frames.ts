import { hammingDistance } from '../hashing/hamming';
import { PDQ_WORDS, pdqHexToWords } from '../hashing/pdq-hex';
import { VPDQ_MIN_QUALITY, type VpdqFeature } from './vpdq-feature';

/**
 * Key frames (scene changes) for a video's filmstrip and chapters, chosen while the video streams by:
 * the first frame of usable quality is kept; after it, a frame is kept when its PDQ distance from the
 * last kept frame is above `threshold` (the picture changed more than a near-duplicate would), and it
 * has usable quality (fades and black frames make poor thumbnails and collide).
 *
 * Invariant: at most `maxKeyFrames` are held. When one more arrives, every second key frame (never the
 * first) is dropped and the minimum gap in frames doubles, so a long video's strip still spans the
 * whole video evenly instead of ending at its first few minutes. `offer` says which kept frames were
 * dropped, so a caller that made their thumbnails can free them at once (memory stays bounded).
 */
export const DEFAULT_KEY_FRAME_THRESHOLD = 64;
export const DEFAULT_MAX_KEY_FRAMES = 12;

export interface KeyFrameOptions {
  readonly threshold?: number;
  readonly maxKeyFrames?: number;
  readonly minQuality?: number;
}

export interface KeyFrameDecision {
  readonly keep: boolean;
  /** Frame numbers of earlier key frames dropped to make room. */
  readonly dropped: readonly number[];
}

export class KeyFrameSelector {
  private readonly threshold: number;
  private readonly max: number;
  private readonly minQuality: number;
  private readonly kept: VpdqFeature[] = [];
  private readonly last = new Uint32Array(PDQ_WORDS);
  private readonly scratch = new Uint32Array(PDQ_WORDS);
  private hasLast = false;
  private minGap = 0;

  constructor(options: KeyFrameOptions = {}) {
    this.threshold = options.threshold ?? DEFAULT_KEY_FRAME_THRESHOLD;
    this.max = Math.max(2, options.maxKeyFrames ?? DEFAULT_MAX_KEY_FRAMES);
    this.minQuality = options.minQuality ?? VPDQ_MIN_QUALITY;
  }

  /** The key frames held now, in frame order. */
  get keyFrames(): readonly VpdqFeature[] {
    return this.kept;
  }

  offer(feature: VpdqFeature): KeyFrameDecision {
    const none = { keep: false, dropped: [] };
    if (feature.quality < this.minQuality) return none;
    pdqHexToWords(feature.pdq, this.scratch);
    if (this.hasLast) {
      if (hammingDistance(this.scratch, 0, this.last, 0) <= this.threshold) return none;
      const previous = this.kept[this.kept.length - 1];
      if (previous && feature.frame - previous.frame < this.minGap) return none;
    }
    // The comparison is always with the last frame offered as kept, even if it is later thinned out:
    // "a change of scene" is relative to what the viewer just saw.
    this.last.set(this.scratch);
    this.hasLast = true;
    const dropped: number[] = [];
    if (this.kept.length === this.max) {
      const span = feature.frame - this.kept[0]!.frame;
      for (let i = this.kept.length - 1; i >= 1; i -= 2) dropped.push(this.kept.splice(i, 1)[0]!.frame);
      this.minGap = Math.max(this.minGap * 2, Math.ceil(span / this.max));
    }
    this.kept.push(feature);
    return { keep: true, dropped };
  }
}

/** Key frames of a whole frame list (the CLI, tests). */
export function selectKeyFrames(
  features: Iterable<VpdqFeature>,
  options: KeyFrameOptions = {},
): VpdqFeature[] {
  const selector = new KeyFrameSelector(options);
  for (const f of features) selector.offer(f);
  return [...selector.keyFrames];
}
