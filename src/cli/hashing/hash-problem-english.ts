/**
 * The CLI's words for hashing failures: English, at the edge, from the problem codes both realms
 * report (the app words the same codes through its catalogs). Typed by the closed set, so a new code
 * is a compile error here until it has its sentence.
 */
import { formatName } from '../../domain/hashing/decode-policy';
import type { HashProblem, HashProblemCode, HashRefusal } from '../../domain/hashing/hash-problem';
import { VIDEO_CONTAINER_NAMES } from '../../domain/video/video-container';

function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  return mp >= 1000 ? `${(mp / 1000).toFixed(1)} GP` : `${Math.round(mp)} MP`;
}

type Words = {
  readonly [C in HashProblemCode]: (problem: Extract<HashProblem, { code: C }>, why: string) => string;
};

const WORDS: Words = {
  empty: () => 'The file is empty (0 bytes).',
  'not-media': () =>
    'This is not an image or video file Waymark recognises (no JPEG, PNG, GIF, WebP, BMP, TIFF, AVIF, HEIC, MP4, QuickTime, WebM, Matroska, AVI or MPEG signature).',
  'corrupt-image': (p, why) =>
    `The file looks like a ${formatName(p.format)} image but could not be decoded (corrupt or truncated)${why}.`,
  'too-large': (p) =>
    `The image declares ${p.width} × ${p.height} pixels (${megapixels(p.width * p.height)}), over the ${megapixels(p.maxPixels)} limit; it was not decoded.`,
  'svg-refused': () =>
    'SVG drawings are not hashed: they have no fixed pixels and can load content from the network.',
  'format-unsupported': (p) =>
    `${formatName(p.format)} images cannot be decoded here. Convert the file to JPEG or PNG to hash it.`,
  unreadable: (_, why) => `The file could not be read${why}.`,
  'no-video-track': () =>
    'This file has no video picture (audio only, or data in a video container); nothing to hash but its bytes.',
  'corrupt-video': (p, why) =>
    `The file looks like a ${VIDEO_CONTAINER_NAMES[p.container]} video but could not be decoded (corrupt or truncated)${why}.`,
  'codec-unsupported': (p) =>
    `This video is ${p.codec}, which this browser cannot decode. Hash it with the command line (waymark hash), or convert it to H.264, VP9 or AV1.`,
  'ffmpeg-missing': () =>
    'Videos are decoded with ffmpeg, which was not found on PATH. Install it (Debian: apt-get install ffmpeg) to hash videos; images are hashed without it.',
  unexpected: (_, why) => `Hashing failed unexpectedly${why}.`,
};

/** One failure as the CLI prints it: a sentence, with the decoder's or OS's words after a colon. */
export function hashProblemEnglish(failure: Pick<HashRefusal, 'problem' | 'detail'>): string {
  const why = failure.detail ? `: ${failure.detail.replace(/\.$/, '')}` : '';
  const words = WORDS[failure.problem.code] as (p: HashProblem, why: string) => string;
  return words(failure.problem, why);
}
