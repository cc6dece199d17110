/** PDQ's usual match threshold (Meta's default): Hamming distance ≤ 31 of 256 bits. */
export const DEFAULT_THRESHOLD = 31;
/** Below this PDQ quality (near-blank images) a hash matches too easily: exact-hash grouping only. */
export const DEFAULT_MIN_QUALITY = 50;
