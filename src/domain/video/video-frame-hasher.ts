import type { PixelImage } from '../image/pixel-image';
import { pdqOfFrame } from './frame-hash';
import { cropImage, findBarredPicture } from './frame-bars';
import { KeyFrameSelector, type KeyFrameDecision, type KeyFrameOptions } from './key-frames';
import type { VpdqFeature } from './vpdq-feature';

/**
 * The per-frame work of a vPDQ pass, the same in the browser worker and the CLI: the frame's PDQ and
 * quality; the key-frame decision; and, when the frame has uniform bars (a still or a film put in a
 * wider or taller frame), the PDQ of the picture inside them, for matching stills (never for
 * video-to-video matching, which follows the reference exactly).
 */
export interface HashedFrame {
  readonly feature: VpdqFeature;
  readonly keyFrame: KeyFrameDecision;
}

export class VideoFrameHasher {
  private readonly features: VpdqFeature[] = [];
  private readonly pictures: VpdqFeature[] = [];
  private readonly keys: KeyFrameSelector;

  constructor(options: { keyFrames?: KeyFrameOptions } = {}) {
    this.keys = new KeyFrameSelector(options.keyFrames);
  }

  add(image: PixelImage, frame: number, timestamp: number): HashedFrame {
    const { pdq, quality } = pdqOfFrame(image);
    const feature: VpdqFeature = { frame, quality, pdq, timestamp };
    this.features.push(feature);
    const bars = findBarredPicture(image);
    if (bars) this.pictures.push({ frame, timestamp, ...pdqOfFrame(cropImage(image, bars)) });
    return { feature, keyFrame: this.keys.offer(feature) };
  }

  get frameCount(): number {
    return this.features.length;
  }

  get lastFrame(): VpdqFeature | undefined {
    return this.features[this.features.length - 1];
  }

  result(): { vpdq: VpdqFeature[]; keyFrames: number[]; pictureVpdq: VpdqFeature[] } {
    return {
      vpdq: this.features,
      keyFrames: this.keys.keyFrames.map((f) => f.frame),
      pictureVpdq: this.pictures,
    };
  }
}
