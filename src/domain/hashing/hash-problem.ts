/**
 * Why a file could not be hashed: a closed set of codes with typed parameters, in both realms (the
 * worker and the CLI). The domain never words a failure: the app words each code in the analyst's
 * language (client/i18n/hash-problem-text.ts), the CLI in English (cli/hashing/hash-problem-english.ts);
 * a new code is a compile error in both until it is worded. Each code belongs to one coarse
 * HashFailureReason (kept for counts and the CLI's JSON), derived here so the two never disagree.
 * What a decoder or the OS said is kept apart as `detail`: technical text, shown as a secondary line.
 */
import type { ImageFormat } from '../image/image-header';
import type { VideoContainer } from '../video/video-container';
import { HashFailureReason } from './file-signature';

export interface HashProblemParams {
  /** The file has no bytes. */
  empty: object;
  /** No image or video signature in the first bytes. */
  'not-media': object;
  /** The header says an image format we decode, but the pixels could not be decoded. */
  'corrupt-image': { readonly format: ImageFormat };
  /** The header declares more pixels than the limit: refused before decoding. */
  'too-large': { readonly width: number; readonly height: number; readonly maxPixels: number };
  /** SVG: no fixed pixels, and it may load content from the network. Refused by policy. */
  'svg-refused': object;
  /** A real image in a format this decoder cannot read (HEIC without an HEVC decoder, …). */
  'format-unsupported': { readonly format: ImageFormat };
  /** The file could not be read at all (missing, no permission, a folder). */
  unreadable: object;
  /** A media container with no picture in it. */
  'no-video-track': object;
  /** The container was recognised, but no frame could be decoded (corrupt or truncated). */
  'corrupt-video': { readonly container: VideoContainer };
  /** A video codec this browser cannot decode (the CLI's ffmpeg may). */
  'codec-unsupported': { readonly codec: string };
  /** The CLI decodes videos with ffmpeg, and it is not installed. */
  'ffmpeg-missing': object;
  /** The hasher itself failed (a crash, a lost worker): a bug or the machine, not the file. */
  unexpected: object;
}

export type HashProblemCode = keyof HashProblemParams;

export type HashProblem = {
  [C in HashProblemCode]: { readonly code: C } & Readonly<HashProblemParams[C]>;
}[HashProblemCode];

const REASONS: Readonly<Record<HashProblemCode, HashFailureReason>> = {
  empty: HashFailureReason.empty,
  'not-media': HashFailureReason.undecodable,
  'corrupt-image': HashFailureReason.undecodable,
  'too-large': HashFailureReason.tooLarge,
  'svg-refused': HashFailureReason.unsupported,
  'format-unsupported': HashFailureReason.unsupported,
  unreadable: HashFailureReason.unreadable,
  'no-video-track': HashFailureReason.noVideoTrack,
  'corrupt-video': HashFailureReason.undecodable,
  'codec-unsupported': HashFailureReason.unsupported,
  'ffmpeg-missing': HashFailureReason.unsupported,
  unexpected: HashFailureReason.undecodable,
};

/** A file refused: the coarse reason, the problem, and what the decoder or OS said (if anything). */
export interface HashRefusal {
  readonly ok: false;
  readonly reason: HashFailureReason;
  readonly problem: HashProblem;
  /** Technical text from a decoder, the OS or a crash (not translated); absent when there is none. */
  readonly detail?: string;
}

export function hashRefusal(problem: HashProblem, detail?: string): HashRefusal {
  const text = detail?.replace(/\s+/g, ' ').trim();
  return text
    ? { ok: false, reason: REASONS[problem.code], problem, detail: text }
    : { ok: false, reason: REASONS[problem.code], problem };
}
