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
 * A descriptor's votes are then divided by the square root of the number of images it met: a corner
 * like every other (the soft blob of a blurred, upscaled crop) meets many pictures at once and says
 * little about each, while the same keys are rare enough in a bucket to weigh much one by one. Before
 * this, blurred crops of unrelated pictures outvoted a crop's own original (harder corpus: the
 * original ranked 12th to 68th for five crops the geometric check confirms; docs/GROUPING.md).
 *
 * Bounded cost (what keeps grouping sub-quadratic): each image enters the index with at most
 * INDEXED descriptors, and a bucket holding BUCKET_CAP entries is a "stop word" (a key too common to
 * tell images apart, such as flat or striped patches): it takes no more entries and queries skip it.
 * So an insert and a query cost O(descriptors × tables × BUCKET_CAP), whatever the number of images.
 *
 * Memory: an entry is one word (owner and tag), stored in chunks of CHUNK with one link per chunk:
 * 5 bytes per entry, plus the free slots of each bucket's newest chunk (1.5 on average). At most
 * INDEXED × TABLES = 512 entries per image (2.5 KB; about 250 on the ingest pictures, whose
 * look-alike corners share keys), plus the bucket heads and sizes (6 bytes × 2^22: 24 MiB). Before
 * (docs/GROUPING.md): 10 bytes per entry, an owner, a tag and a link each.
 */
export const TABLES = 8;
export const KEY_BITS = 32;
export const INDEXED = 64;
/** Buckets per table (the 32-bit keys are hashed down to these). */
const BUCKET_BITS = 19;
const BUCKET_CAP = 48;
/**
 * An entry is one 32-bit word: the image's id above the key's tag. The tag is the mixed key's low
 * TAG_BITS, the bucket its top BUCKET_BITS: together all 32 bits of the key.
 */
const TAG_BITS = 32 - BUCKET_BITS;
const TAG_MASK = (1 << TAG_BITS) - 1;
/** Images the index can tell apart: 2^19 = 524,288 (five times the largest case we design for). */
export const MAX_OWNERS = 2 ** (32 - TAG_BITS);
/**
 * A bucket's entries sit in chunks of CHUNK words, linked newest first: one link per CHUNK entries
 * instead of one per entry, and a query reads them in runs.
 */
const CHUNK = 4;
const CHUNK_WORDS = CHUNK + 1;
/** 2^15 chunks per page: 640 KB, a page per 130,000 entries or so. */
const PAGE_SHIFT = 15;
const PAGE_CHUNKS = 1 << PAGE_SHIFT;
const chunkBase = (chunk: number): number => (chunk & (PAGE_CHUNKS - 1)) * CHUNK_WORDS;
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
 * its top BUCKET_BITS pick the bucket, its low TAG_BITS are the entry's tag. Together they are all 32
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
const tagOf = (mixed: number): number => mixed & TAG_MASK;

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
  /**
   * Chunks of CHUNK_WORDS words: CHUNK entries (`owner << TAG_BITS | tag`), then the bucket's next
   * (older) chunk or -1. A bucket's newest chunk is its head. In pages of PAGE_CHUNKS chunks: the
   * index grows a page at a time, never copying what it holds (no doubled arrays while it grows).
   */
  private readonly pages: Int32Array[] = [];
  private chunks = 0;
  /** Scratch: the owners of one key in one bucket (a bucket holds at most BUCKET_CAP entries). */
  private readonly holders = new Int32Array(BUCKET_CAP);
  private stored = 0;
  private votes = new Float64Array(0);
  /** One descriptor's votes, before they are scaled by how many images it met. */
  private own = new Float64Array(0);
  /** The images one descriptor met (at most TABLES × BUCKET_CAP). */
  private readonly met = new Int32Array(TABLES * BUCKET_CAP);
  private hits = new Int32Array(0);
  private lastVoter = new Int32Array(0);
  private stamp = 0;

  /** Entries stored (for memory figures). */
  get entries(): number {
    return this.stored;
  }

  /** Bytes held by the entries and chunk links (for memory figures; heads and sizes are fixed). */
  get entryBytes(): number {
    return this.pages.length * PAGE_CHUNKS * CHUNK_WORDS * 4;
  }

  /** Ids from MAX_OWNERS on are not indexed (a case that large groups by its hashes only). */
  add(id: number, descriptors: Uint32Array): void {
    if (id < 0 || id >= MAX_OWNERS) return;
    const count = descriptors.length / DESCRIPTOR_WORDS;
    for (const i of indexedSubset(count))
      for (let t = 0; t < TABLES; t++) {
        const mixed = mixedKey(descriptors, i * DESCRIPTOR_WORDS, t);
        const bucket = bucketOf(mixed, t);
        const size = this.sizes[bucket]!;
        if (size >= BUCKET_CAP) continue;
        const slot = (id << TAG_BITS) | tagOf(mixed);
        let head = this.heads[bucket]!;
        const fill = size % CHUNK;
        // The same key twice in one image (two alike corners) is one entry: the newest is checked.
        if (size > 0 && this.chunkWords(head)[chunkBase(head) + ((fill || CHUNK) - 1)] === slot) continue;
        if (fill === 0) {
          const chunk = this.chunks++;
          if (chunk >> PAGE_SHIFT === this.pages.length)
            this.pages.push(new Int32Array(PAGE_CHUNKS * CHUNK_WORDS));
          this.chunkWords(chunk)[chunkBase(chunk) + CHUNK] = head;
          head = this.heads[bucket] = chunk;
        }
        this.chunkWords(head)[chunkBase(head) + fill] = slot;
        this.sizes[bucket] = size + 1;
        this.stored++;
      }
  }

  private chunkWords(chunk: number): Int32Array {
    return this.pages[chunk >> PAGE_SHIFT]!;
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
      this.own = new Float64Array(this.votes.length);
      this.hits = new Int32Array(this.votes.length);
      this.lastVoter = new Int32Array(this.votes.length).fill(-1);
    }
    const touched: number[] = [];
    const count = descriptors.length / DESCRIPTOR_WORDS;
    for (let i = 0; i < count; i++) {
      const voter = ++this.stamp;
      let met = 0;
      for (let t = 0; t < TABLES; t++) {
        const mixed = mixedKey(descriptors, i * DESCRIPTOR_WORDS, t);
        const bucket = bucketOf(mixed, t);
        const tag = tagOf(mixed);
        const size = this.sizes[bucket]!;
        if (size >= BUCKET_CAP) continue;
        // The images holding this key (one walk of the chain): the rarer the key, the more it says.
        let holders = 0;
        let inChunk = size % CHUNK || CHUNK;
        for (let c = this.heads[bucket]!; c >= 0; inChunk = CHUNK) {
          const words = this.chunkWords(c);
          const base = chunkBase(c);
          for (let e = base; e < base + inChunk; e++) {
            const slot = words[e]!;
            if ((slot & TAG_MASK) === tag) this.holders[holders++] = slot >>> TAG_BITS;
          }
          c = words[base + CHUNK]!;
        }
        if (holders === 0) continue;
        const weight = Math.log(BUCKET_CAP / holders) + WEIGHT_FLOOR;
        for (let h = 0; h < holders; h++) {
          const j = this.holders[h]!;
          if (j === self) continue;
          this.own[j]! += weight;
          // Hits count descriptors, not tables.
          if (this.lastVoter[j] === voter) continue;
          this.lastVoter[j] = voter;
          this.met[met++] = j;
          if (this.hits[j] === 0) touched.push(j);
          this.hits[j]!++;
        }
      }
      const scale = 1 / Math.sqrt(met);
      for (let k = 0; k < met; k++) {
        const j = this.met[k]!;
        this.votes[j]! += this.own[j]! * scale;
        this.own[j] = 0;
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
