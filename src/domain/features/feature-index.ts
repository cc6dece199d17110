import { DESCRIPTOR_WORDS } from './brief-pattern';

/**
 * Candidate pairs for the geometric check, without comparing every image with every other: an index
 * of descriptors by exact keys (locality-sensitive hashing by bit sampling). Each of TABLES tables
 * keys a descriptor by KEY_BITS of its 256 bits (disjoint slices of a fixed permutation). Two
 * descriptors of the same corner in two copies differ in 15-50 bits, so they share a key in some
 * table with fair probability; unrelated descriptors rarely do. An image's candidates are the images
 * sharing keys with at least MIN_VOTES of its descriptors, ranked by weighted votes.
 *
 * Why long keys in many tables (docs/GROUPING.md, "Recall as the case grows"): many corners look
 * alike whatever the picture (the corner of any flat shape gives nearly the same rotated descriptor),
 * so with short keys their buckets fill, turn into stop words, and an image whose corners are mostly
 * of that kind drops out of the index as the case grows: among 20,000 ingest-benchmark pictures,
 * 20-bit keys in 4 tables proposed 198 of 400 planted near copies. 32-bit keys split those crowds; 8
 * tables keep the odds that a true corner pair shares some key; fewer indexed descriptors per image
 * keep buckets below the cap. Same pictures: 341 of 400.
 *
 * Votes: a descriptor votes for an image once per table it meets it in (a close descriptor meets in
 * more tables), weighted by how rare the key is (log inverse frequency, as search engines weigh words).
 *
 * Bounded cost (what keeps grouping sub-quadratic): each image enters the index with at most
 * INDEXED descriptors, and a bucket holding BUCKET_CAP entries is a "stop word" (a key too common to
 * tell images apart, such as flat or striped patches): it takes no more entries and queries skip it.
 * So an insert and a query cost O(descriptors × tables × BUCKET_CAP), whatever the number of images.
 *
 * Memory: 10 bytes per indexed entry (owner, chain and tag), at most INDEXED × TABLES = 512 entries
 * per image (5 KB; 800 entries of 8 bytes before the change; about 250 on the ingest pictures, whose
 * look-alike corners share keys), plus the bucket heads and sizes (6 bytes × 2^22: 24 MiB).
 */
export const TABLES = 8;
export const KEY_BITS = 32;
export const INDEXED = 64;
/** Buckets per table (the 32-bit keys are hashed down to these). */
const BUCKET_BITS = 19;
const BUCKET_CAP = 48;
/** Descriptors of the query that must hit an image: chance collisions give one or two. */
export const MIN_VOTES = 4;
/** A key nearly every bucket entry holds still says a little (log(CAP/holders) would be ~0). */
const WEIGHT_FLOOR = 0.1;

/** The key bits of each table: a fixed permutation of 0..255, cut into TABLES slices of KEY_BITS. */
const KEY_BIT_ORDER: Int32Array = (() => {
  const order = Int32Array.from({ length: 256 }, (_, i) => i);
  let s = 0x9e3779b9;
  for (let i = 255; i > 0; i--) {
    s = (Math.imul(s ^ (s >>> 16), 0x45d9f3b) ^ (s >>> 13)) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
})();

/**
 * A descriptor's key in a table, mixed (golden-ratio multiplicative hash, a bijection on 32 bits):
 * its top BUCKET_BITS pick the bucket, its low 16 bits are the entry's tag. Together they are all 32
 * bits, so a tag match in a bucket is a key match: keys that merely share a bucket (more of them as a
 * case grows) never vote.
 */
function mixedKey(desc: Uint32Array, offset: number, table: number): number {
  let key = 0;
  for (let b = 0; b < KEY_BITS; b++) {
    const bit = KEY_BIT_ORDER[table * KEY_BITS + b]!;
    key = (key << 1) | ((desc[offset + (bit >> 5)]! >>> (bit & 31)) & 1);
  }
  return Math.imul(key >>> 0, 0x9e3779b1) >>> 0;
}

const bucketOf = (mixed: number, table: number): number =>
  (mixed >>> (32 - BUCKET_BITS)) + table * (1 << BUCKET_BITS);
const tagOf = (mixed: number): number => mixed & 0xffff;

/** Which descriptors of a set enter the index: evenly spread over the set (which is ordered by level). */
export function indexedSubset(count: number): number[] {
  const out: number[] = [];
  const step = Math.max(1, count / INDEXED);
  for (let k = 0; k * step < count && out.length < INDEXED; k++) out.push(Math.floor(k * step));
  return out;
}

export class FeatureIndex {
  private readonly heads = new Int32Array(TABLES << BUCKET_BITS).fill(-1);
  private readonly sizes = new Uint16Array(TABLES << BUCKET_BITS);
  private owner = new Int32Array(1024);
  private next = new Int32Array(1024);
  private tag = new Uint16Array(1024);
  /** Scratch: the owners of one key in one bucket (a bucket holds at most BUCKET_CAP entries). */
  private readonly holders = new Int32Array(BUCKET_CAP);
  private used = 0;
  private votes = new Float64Array(0);
  private hits = new Int32Array(0);
  private lastVoter = new Int32Array(0);
  private stamp = 0;

  /** Entries stored (for memory figures). */
  get entries(): number {
    return this.used;
  }

  add(id: number, descriptors: Uint32Array): void {
    const count = descriptors.length / DESCRIPTOR_WORDS;
    for (const i of indexedSubset(count))
      for (let t = 0; t < TABLES; t++) {
        const mixed = mixedKey(descriptors, i * DESCRIPTOR_WORDS, t);
        const bucket = bucketOf(mixed, t);
        const tag = tagOf(mixed);
        if (this.sizes[bucket]! >= BUCKET_CAP) continue;
        const head = this.heads[bucket]!;
        if (head >= 0 && this.owner[head] === id && this.tag[head] === tag) continue;
        if (this.used === this.owner.length) this.grow();
        this.owner[this.used] = id;
        this.tag[this.used] = tag;
        this.next[this.used] = head;
        this.heads[bucket] = this.used++;
        this.sizes[bucket]!++;
      }
  }

  /** Half as much room again (not twice: at 100,000 images the entries are hundreds of MB). */
  private grow(): void {
    const size = Math.ceil(this.used * 1.5);
    const owner = new Int32Array(size);
    owner.set(this.owner);
    this.owner = owner;
    const next = new Int32Array(size);
    next.set(this.next);
    this.next = next;
    const tag = new Uint16Array(size);
    tag.set(this.tag);
    this.tag = tag;
  }

  /**
   * Images sharing keys with at least MIN_VOTES of these descriptors, most votes first (ties: lower
   * id first), at most `limit`. `self` is never returned.
   */
  candidates(
    descriptors: Uint32Array,
    self: number,
    limit: number,
    idBound: number,
  ): { id: number; votes: number }[] {
    if (this.votes.length < idBound) {
      this.votes = new Float64Array(Math.max(idBound, this.votes.length * 2));
      this.hits = new Int32Array(this.votes.length);
      this.lastVoter = new Int32Array(this.votes.length).fill(-1);
    }
    const touched: number[] = [];
    const count = descriptors.length / DESCRIPTOR_WORDS;
    for (let i = 0; i < count; i++) {
      const voter = ++this.stamp;
      for (let t = 0; t < TABLES; t++) {
        const mixed = mixedKey(descriptors, i * DESCRIPTOR_WORDS, t);
        const bucket = bucketOf(mixed, t);
        const tag = tagOf(mixed);
        if (this.sizes[bucket]! >= BUCKET_CAP) continue;
        // The images holding this key (one walk of the chain): the rarer the key, the more it says.
        let holders = 0;
        for (let e = this.heads[bucket]!; e >= 0; e = this.next[e]!)
          if (this.tag[e] === tag) this.holders[holders++] = this.owner[e]!;
        if (holders === 0) continue;
        const weight = Math.log(BUCKET_CAP / holders) + WEIGHT_FLOOR;
        for (let h = 0; h < holders; h++) {
          const j = this.holders[h]!;
          if (j === self) continue;
          this.votes[j]! += weight;
          // Hits count descriptors, not tables.
          if (this.lastVoter[j] === voter) continue;
          this.lastVoter[j] = voter;
          if (this.hits[j] === 0) touched.push(j);
          this.hits[j]!++;
        }
      }
    }
    const out: { id: number; votes: number; hits: number }[] = [];
    for (const j of touched) {
      if (this.hits[j]! >= MIN_VOTES) out.push({ id: j, votes: this.votes[j]!, hits: this.hits[j]! });
      this.votes[j] = 0;
      this.hits[j] = 0;
    }
    out.sort((a, b) => b.votes - a.votes || a.id - b.id);
    return out.slice(0, limit);
  }
}
