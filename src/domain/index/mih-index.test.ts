import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { hammingDistance } from '../hashing/hamming';
import { PDQ_WORDS, pdqWordsToHex } from '../hashing/pdq-hex';
import { LinearHashIndex } from './linear-index';
import { MultiIndexHashIndex } from './mih-index';

const word = fc.integer({ min: 0, max: 0xffffffff });
const hashWords = fc
  .array(word, { minLength: PDQ_WORDS, maxLength: PDQ_WORDS })
  .map((a) => Uint32Array.from(a));

/** A copy of `base` with `flips` distinct bit positions flipped (planted near neighbours). */
function flipBits(base: Uint32Array, positions: readonly number[]): Uint32Array {
  const out = base.slice();
  for (const p of positions) out[p >> 5] = (out[p >> 5]! ^ (1 << (p & 31))) >>> 0;
  return out;
}
const bitPositions = (max: number) => fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: max });

/** Centres with planted neighbours at chosen distances, so small radii have hits too. */
const plantedSet = fc
  .array(fc.tuple(hashWords, fc.array(bitPositions(60), { maxLength: 6 })), { minLength: 1, maxLength: 12 })
  .map((clusters) =>
    clusters.flatMap(([centre, flips]) => [centre, ...flips.map((f) => flipBits(centre, f))]),
  );

function both(hashes: readonly Uint32Array[]) {
  const linear = new LinearHashIndex<number>();
  const mih = new MultiIndexHashIndex<number>(4);
  hashes.forEach((h, i) => {
    linear.add(i, h);
    mih.add(i, h);
  });
  return { linear, mih };
}

describe('MultiIndexHashIndex', () => {
  it('answers a bounded query with a subset of the exact answer, whole when no bound was reached', () => {
    fc.assert(
      fc.property(
        plantedSet,
        fc.integer({ min: 0, max: 70 }),
        fc.nat(),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 20 }),
        (hashes, radius, pick, maxCandidates, maxMatches) => {
          const { linear, mih } = both(hashes);
          const query = hashes[pick % hashes.length]!;
          const exact = linear.queryWithinRadius(query, radius);
          const bounded = mih.queryBounded(query, radius, { maxCandidates, maxMatches });
          expect(bounded.matches.length).toBeLessThanOrEqual(maxMatches);
          for (const hit of bounded.matches) expect(exact).toContainEqual(hit);
          if (bounded.complete) expect(bounded.matches).toEqual(exact);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops after the candidate bound when thousands of copies of one hash are stored', () => {
    const mih = new MultiIndexHashIndex<number>(16);
    const copy = Uint32Array.from({ length: PDQ_WORDS }, (_, i) => (i * 0x9e3779b1) >>> 0);
    for (let i = 0; i < 5000; i++) mih.add(i, copy);
    const bounded = mih.queryBounded(copy, 31, { maxCandidates: 100, maxMatches: 1000 });
    expect(bounded.complete).toBe(false);
    expect(bounded.matches).toHaveLength(100);
    expect(mih.queryBounded(copy, 31, { maxCandidates: 10_000, maxMatches: 10_000 }).matches).toHaveLength(
      5000,
    );
  });

  it('returns exactly what the linear scan returns, on planted clusters', () => {
    fc.assert(
      fc.property(plantedSet, fc.integer({ min: 0, max: 70 }), fc.nat(), (hashes, radius, pick) => {
        const { linear, mih } = both(hashes);
        const query = hashes[pick % hashes.length]!;
        expect(mih.queryWithinRadius(query, radius)).toEqual(linear.queryWithinRadius(query, radius));
      }),
      { numRuns: 200 },
    );
  });

  it('returns exactly what the linear scan returns, on random data and queries near it', () => {
    fc.assert(
      fc.property(
        fc.array(hashWords, { minLength: 0, maxLength: 60 }),
        hashWords,
        bitPositions(40),
        fc.integer({ min: 0, max: 140 }),
        (hashes, randomQuery, flips, radius) => {
          const { linear, mih } = both(hashes);
          const query = hashes.length ? flipBits(hashes[0]!, flips) : randomQuery;
          expect(mih.queryWithinRadius(query, radius)).toEqual(linear.queryWithinRadius(query, radius));
          expect(mih.queryWithinRadius(randomQuery, radius)).toEqual(
            linear.queryWithinRadius(randomQuery, radius),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('agrees on nearest(k), ties broken by insertion order', () => {
    fc.assert(
      fc.property(plantedSet, fc.integer({ min: 1, max: 8 }), fc.nat(), (hashes, k, pick) => {
        const { linear, mih } = both(hashes);
        const query = hashes[pick % hashes.length]!;
        expect(mih.nearest(query, k)).toEqual(linear.nearest(query, k));
      }),
      { numRuns: 150 },
    );
  });

  it('stays exact through removals, re-adds and compaction', () => {
    fc.assert(
      fc.property(plantedSet, fc.array(fc.nat(), { maxLength: 30 }), (hashes, removals) => {
        const { linear, mih } = both(hashes);
        for (const r of removals) {
          const id = r % hashes.length;
          expect(mih.remove(id)).toBe(linear.remove(id));
        }
        // Re-add a few under the same ids with other hashes.
        hashes.slice(0, 3).forEach((h, i) => {
          mih.add(i, flipBits(h, [i]));
          linear.add(i, flipBits(h, [i]));
        });
        expect(mih.size).toBe(linear.size);
        for (const q of hashes.slice(0, 5))
          expect(mih.queryWithinRadius(q, 40)).toEqual(linear.queryWithinRadius(q, 40));
      }),
      { numRuns: 100 },
    );
  });

  it('compacts after many removals and still finds what is left', () => {
    const mih = new MultiIndexHashIndex<string>();
    const base = new Uint32Array(PDQ_WORDS).fill(0x12345678);
    for (let i = 0; i < 3000; i++) mih.add(`h${i}`, flipBits(base, [i % 256, (i * 7 + 3) % 256]));
    for (let i = 0; i < 2500; i++) mih.remove(`h${i}`);
    expect(mih.size).toBe(500);
    const hits = mih.queryWithinRadius(pdqWordsToHex(base), 2);
    expect(hits).toHaveLength(500);
    expect(hits.every((h) => Number(h.id.slice(1)) >= 2500)).toBe(true);
  });

  it('accepts hex and words alike, and reports true distances', () => {
    const a = Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const b = flipBits(a, [0, 100, 200]);
    const mih = new MultiIndexHashIndex<string>();
    mih.add('b', pdqWordsToHex(b));
    expect(mih.queryWithinRadius(a, 31)).toEqual([{ id: 'b', distance: hammingDistance(a, 0, b, 0) }]);
    expect(mih.queryWithinRadius(pdqWordsToHex(a), 2)).toEqual([]);
  });
});
