import { HashFailureReason } from '../hashing/file-signature';
import type { RefusedBeforeDecode } from '../hashing/decode-policy';

/**
 * The per-file video failures both realms report, with sentences an analyst understands (the reason
 * is the code; the sentence is for logs and the CLI, the app words the reason through i18n).
 */
export function noVideoTrack(): RefusedBeforeDecode {
  return {
    ok: false,
    reason: HashFailureReason.noVideoTrack,
    message:
      'This file has no video picture (audio only, or data in a video container); nothing to hash but its bytes.',
  };
}

export function videoUnreadable(container: string, detail?: string): RefusedBeforeDecode {
  const why = detail ? `: ${detail.replace(/\s+/g, ' ').trim().replace(/\.$/, '')}` : '';
  return {
    ok: false,
    reason: HashFailureReason.undecodable,
    message: `The file looks like a ${container} video but could not be decoded (corrupt or truncated)${why}.`,
  };
}

export function codecUnsupported(codec: string, where: string): RefusedBeforeDecode {
  return {
    ok: false,
    reason: HashFailureReason.unsupported,
    message: `This video is ${codec}, which ${where} cannot decode. Hash it with the command line (waymark hash), or convert it to H.264, VP9 or AV1.`,
  };
}

export function ffmpegMissing(): RefusedBeforeDecode {
  return {
    ok: false,
    reason: HashFailureReason.unsupported,
    message:
      'Videos are decoded with ffmpeg, which was not found on PATH. Install it (Debian: apt-get install ffmpeg) to hash videos; images are hashed without it.',
  };
}

export function decodedNothing(container: string): RefusedBeforeDecode {
  return videoUnreadable(container, 'no frame could be decoded');
}

/** The note on a video whose decoding stopped early (hashes cover the part that decoded). */
export function incompleteNote(decodedSeconds: number, declaredSeconds: number): string {
  return `Decoding stopped after ${decodedSeconds.toFixed(1)} s of ${declaredSeconds.toFixed(1)} s (the file is truncated or damaged); the hashes cover the part that decoded.`;
}
