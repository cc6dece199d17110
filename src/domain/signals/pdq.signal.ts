import { hexSignal } from './signal-type';

/**
 * Meta's PDQ perceptual hash: 256 bits as 64 hex digits (docs in ../hashing). Two images are the same
 * picture within `PDQ_MATCH_RADIUS` bits (ThreatExchange's default); hashes of near-blank images
 * (quality under `PDQ_MIN_QUALITY`) collide, so they are kept and shown but never matched or grouped on.
 * Every image also has its 8 dihedral hashes (rotations and mirrors), original first.
 */
export const pdqSignal = hexSignal('pdq', 64, 'distance');

export const PDQ_MATCH_RADIUS = 31;
export const PDQ_MIN_QUALITY = 50;
export const PDQ_DIHEDRAL_COUNT = 8;
