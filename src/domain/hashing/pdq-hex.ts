/**
 * PDQ hashes travel as 64 lowercase hex characters (the reference's text form: 16-bit word 15 first).
 * In memory, indexes keep them as 8 unsigned 32-bit words in hex order (word 0 = the first 8 hex
 * characters). Hamming distance does not depend on the word order, so the two forms are equivalent.
 */
export type PdqHex = string;

export const PDQ_BITS = 256;
export const PDQ_WORDS = 8;

const PDQ_HEX = /^[0-9a-f]{64}$/;

export function isPdqHex(value: string): value is PdqHex {
  return PDQ_HEX.test(value);
}

/** Lower-cases and validates a hash read from outside (lists, CLI input); null when it is not PDQ hex. */
export function parsePdqHex(value: string): PdqHex | null {
  const hex = value.trim().toLowerCase();
  return isPdqHex(hex) ? hex : null;
}

/** Writes the hash's 8 words into `out` at `offset` (a shared Uint32Array for an index, or a new one). */
export function pdqHexToWords(
  hex: PdqHex,
  out: Uint32Array = new Uint32Array(PDQ_WORDS),
  offset = 0,
): Uint32Array {
  for (let w = 0; w < PDQ_WORDS; w++)
    out[offset + w] = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16) >>> 0;
  return out;
}

export function pdqWordsToHex(words: Uint32Array, offset = 0): PdqHex {
  let hex = '';
  for (let w = 0; w < PDQ_WORDS; w++) hex += (words[offset + w] ?? 0).toString(16).padStart(8, '0');
  return hex;
}
