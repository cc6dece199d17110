import type { PdqHex } from '../hashing/pdq-hex';

/**
 * vPDQ (Meta's video PDQ, ThreatExchange `vpdq/`): a video's signature is the PDQ hash of sampled
 * frames, each with its quality and time. These are the reference's defaults; every one of them is
 * an option where it is used.
 */
export interface VpdqFeature {
  /** 0-based number of the frame among all decoded frames, in presentation order (as the reference counts). */
  readonly frame: number;
  /** PDQ quality, 0-100. */
  readonly quality: number;
  readonly pdq: PdqHex;
  /** Seconds from the start: frame / frames per second, as the reference computes it; UNKNOWN_TIMESTAMP
   * when a hash file did not say (older reference versions wrote no time). */
  readonly timestamp: number;
}

export const UNKNOWN_TIMESTAMP = -1;

/** Hash one frame per this many seconds by default (0 = every frame). */
export const DEFAULT_SECONDS_PER_HASH = 1;
/** Frames under this PDQ quality (near-blank: fades, black frames) are dropped before matching. */
export const VPDQ_MIN_QUALITY = 50;
/** A query frame matches when some frame of the other video is within this PDQ distance (inclusive). */
export const VPDQ_DISTANCE = 31;
/** Two videos match when max(q%, c%) reaches this (python-threatexchange's rule). */
export const VPDQ_MATCH_PERCENT = 80;
