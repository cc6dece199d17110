import { PDQ_WORDS, pdqHexToWords, type PdqHex } from '../hashing/pdq-hex';

/** One hit of a lookup: which entry, and how far (Hamming bits) from the query. */
export interface HashMatch<Id> {
  readonly id: Id;
  readonly distance: number;
}

/** A 256-bit hash given as hex or as its 8 words (the index copies it; the caller may reuse the array). */
export type HashInput = PdqHex | Uint32Array;

/**
 * A searchable set of 256-bit hashes (PDQ), each under a caller's id. One id holds one hash; adding an
 * id again replaces its hash. Results are sorted by distance, then by insertion order.
 */
export interface HashIndex<Id> {
  readonly size: number;
  add(id: Id, hash: HashInput): void;
  /** Removes the id; returns whether it was there. */
  remove(id: Id): boolean;
  has(id: Id): boolean;
  /** Every entry within `radius` bits (inclusive) of the query. */
  queryWithinRadius(hash: HashInput, radius: number): HashMatch<Id>[];
  /** The k entries closest to the query (fewer when the index is smaller). */
  nearest(hash: HashInput, k: number): HashMatch<Id>[];
}

export function toHashWords(hash: HashInput): Uint32Array {
  if (typeof hash === 'string') return pdqHexToWords(hash);
  if (hash.length < PDQ_WORDS)
    throw new RangeError(`a 256-bit hash has ${PDQ_WORDS} words, got ${hash.length}`);
  return hash;
}

/** Orders matches by distance, then by the index's own slot order (stable, so tests can compare). */
export function sortMatches<Id>(matches: { id: Id; distance: number; slot: number }[]): HashMatch<Id>[] {
  matches.sort((a, b) => a.distance - b.distance || a.slot - b.slot);
  return matches.map(({ id, distance }) => ({ id, distance }));
}
