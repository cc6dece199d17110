import type { PdqHex } from './pdq-hex';

/**
 * What one pass over one file yields, in the worker (browser) and the CLI (Node) alike.
 * Expected failures are values, never throws (Comlink does not carry error classes).
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

export interface HashFailure extends Partial<CryptoHashes> {
  readonly ok: false;
  readonly bytes: number;
  readonly reason: HashFailureReason;
  /** A sentence an analyst understands, e.g. "The image declares 50000 × 50000 pixels (2.5 GP), over the 100 MP limit." */
  readonly message: string;
}

export type FileSignature = ImageSignature | HashFailure;
