import type { CryptoHashes, FileSignature } from '../hashing/file-signature';
import type { VideoContainer } from './video-container';
import type { VpdqFeature } from './vpdq-feature';

/**
 * What one pass over one video yields, in the browser worker and the CLI alike: the file's
 * MD5/SHA-1/SHA-256, the stream's size, duration and rate, the vPDQ frame hashes and the key frames.
 * Failures are the images' HashFailure values (reasons empty, undecodable, unsupported, unreadable,
 * no-video-track), with the crypto hashes kept whenever the bytes were read.
 */
export interface VideoSignature extends CryptoHashes {
  readonly ok: true;
  readonly kind: 'video';
  readonly bytes: number;
  readonly container: VideoContainer;
  /** The codec as the decoder names it (e.g. "h264", "avc1.64001f", "vp9"). */
  readonly codec: string;
  readonly width: number;
  readonly height: number;
  readonly durationMs: number;
  /** Average frame rate (frames per second) that frame sampling and timestamps use. */
  readonly fps: number;
  /** The sampling the hashes were made with (0 = every frame). */
  readonly secondsPerHash: number;
  readonly vpdq: readonly VpdqFeature[];
  /** Frame numbers of the key frames (scene changes), in order. */
  readonly keyFrames: readonly number[];
  /**
   * For sampled frames with uniform bars (letterbox, pillarbox): the PDQ of the picture inside them,
   * used to match stills (a photo shown in a 16:9 frame). Empty when no frame had bars.
   */
  readonly pictureVpdq: readonly VpdqFeature[];
  /**
   * Set when decoding stopped before the end (a truncated or damaged file): the hashes cover what
   * decoded. The text is for the analyst.
   */
  readonly incomplete?: string;
  /** With `incomplete`: how much of the video decoded (the app words the note itself). */
  readonly decodedMs?: number;
}

/** Any file's signature: an image's, a video's, or a failure. */
export type MediaSignature = FileSignature | VideoSignature;

export function isVideoSignature(s: MediaSignature): s is VideoSignature {
  return s.ok && 'kind' in s && s.kind === 'video';
}
