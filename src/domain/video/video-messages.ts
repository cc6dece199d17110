import type { RefusedBeforeDecode } from '../hashing/decode-policy';
import { hashRefusal } from '../hashing/hash-problem';
import type { VideoContainer } from './video-container';

/**
 * The per-file video failures both realms report, as problem codes (hash-problem.ts): the app words
 * them through i18n, the CLI in English; what a demuxer or decoder said is kept as the detail.
 */
export function noVideoTrack(): RefusedBeforeDecode {
  return hashRefusal({ code: 'no-video-track' });
}

export function videoUnreadable(container: VideoContainer, detail?: string): RefusedBeforeDecode {
  return hashRefusal({ code: 'corrupt-video', container }, detail?.replace(/\.$/, ''));
}

/** A codec the browser cannot decode (the CLI decodes every codec ffmpeg has). */
export function codecUnsupported(codec: string): RefusedBeforeDecode {
  return hashRefusal({ code: 'codec-unsupported', codec });
}

export function ffmpegMissing(): RefusedBeforeDecode {
  return hashRefusal({ code: 'ffmpeg-missing' });
}

export function decodedNothing(container: VideoContainer): RefusedBeforeDecode {
  return videoUnreadable(container, 'no frame could be decoded');
}

/** The note on a video whose decoding stopped early (hashes cover the part that decoded). */
export function incompleteNote(decodedSeconds: number, declaredSeconds: number): string {
  return `Decoding stopped after ${decodedSeconds.toFixed(1)} s of ${declaredSeconds.toFixed(1)} s (the file is truncated or damaged); the hashes cover the part that decoded.`;
}
