import type { HashRefusal } from './hash-problem';
import type { PdqHex } from './pdq-hex';

/**
 * What one pass over one file yields, in the worker (browser) and the CLI (Node) alike.
 * Expected failures are values, never throws (Comlink does not carry error classes); they carry a
 * code (hash-problem.ts), never a sentence.
 */
export const HashFailureReason = {
  /** The file has no bytes. */
  empty: 'empty',
  /** The bytes are not an image we can decode (corrupt, truncated beyond repair, not an image). */
  undecodable: 'undecodable',
  /** The header declares more pixels than the limit: refused before decoding (decompression bombs). */
  tooLarge: 'too-large',
  /** A real image in a format this decoder cannot read (HEIC without a codec, SVG by policy, …). */
  unsupported: 'unsupported',
  /** The file could not be read at all (missing, no permission, a folder, a device). */
  unreadable: 'unreadable',
  /** A media container with no picture in it (an audio file, a subtitle or data file in a video wrapper). */
  noVideoTrack: 'no-video-track',
} as const;
export type HashFailureReason = (typeof HashFailureReason)[keyof typeof HashFailureReason];

/** Refuse images with more pixels than this before decoding them (decompression bombs). */
export const MAX_IMAGE_PIXELS = 100_000_000;

export interface CryptoHashes {
  readonly md5: string;
  readonly sha1: string;
  readonly sha256: string;
}

export interface ImageSignature extends CryptoHashes {
  readonly ok: true;
  readonly bytes: number;
  readonly width: number;
  readonly height: number;
  readonly pdq: PdqHex;
  /** 0-100; below 50 the hash is not reliable (near-blank images) and is never grouped on. */
  readonly pdqQuality: number;
  /** original, rotate90, rotate180, rotate270, flipX, flipY, flipPlus1, flipMinus1 (reference order). */
  readonly pdqDihedral: readonly PdqHex[];
}

/** A file not hashed: why (reason, problem, detail: see hash-problem.ts), with its crypto hashes when read. */
export type HashFailure = HashRefusal & Partial<CryptoHashes> & { readonly bytes: number };

export type FileSignature = ImageSignature | HashFailure;
