import { hammingDistance } from '../hashing/hamming';
import { PDQ_WORDS } from '../hashing/pdq-hex';
import { sortMatches, toHashWords, type HashIndex, type HashInput, type HashMatch } from './hash-index';

/**
 * The oracle: every query compares against every entry. Exact by construction; the fast indexes are
 * tested against it. Fine for a few thousand hashes.
 */
export class LinearHashIndex<Id> implements HashIndex<Id> {
  private words = new Uint32Array(PDQ_WORDS * 64);
  private ids: (Id | undefined)[] = [];
  private live: boolean[] = [];
  private readonly slotOf = new Map<Id, number>();

  get size(): number {
    return this.slotOf.size;
  }

  has(id: Id): boolean {
    return this.slotOf.has(id);
  }

  add(id: Id, hash: HashInput): void {
    this.remove(id);
    const slot = this.ids.length;
    if ((slot + 1) * PDQ_WORDS > this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    this.words.set(toHashWords(hash).subarray(0, PDQ_WORDS), slot * PDQ_WORDS);
    this.ids.push(id);
    this.live.push(true);
    this.slotOf.set(id, slot);
  }

  remove(id: Id): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.live[slot] = false;
    this.ids[slot] = undefined;
    return true;
  }

  queryWithinRadius(hash: HashInput, radius: number): HashMatch<Id>[] {
    const q = toHashWords(hash);
    const out: { id: Id; distance: number; slot: number }[] = [];
    for (let slot = 0; slot < this.ids.length; slot++) {
      if (!this.live[slot]) continue;
      const distance = hammingDistance(q, 0, this.words, slot * PDQ_WORDS);
      if (distance <= radius) out.push({ id: this.ids[slot] as Id, distance, slot });
    }
    return sortMatches(out);
  }

  nearest(hash: HashInput, k: number): HashMatch<Id>[] {
    return this.queryWithinRadius(hash, 256).slice(0, Math.max(0, k));
  }
}
