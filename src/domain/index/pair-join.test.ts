import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { hammingDistance } from '../hashing/hamming';
import { PDQ_WORDS } from '../hashing/pdq-hex';
import { forEachCrossPairWithinRadius, forEachPairWithinRadius } from './pair-join';
import { distanceUpTo } from './slices';

const word = fc.integer({ min: 0, max: 0xffffffff });
const hashWords = fc
  .array(word, { minLength: PDQ_WORDS, maxLength: PDQ_WORDS })
  .map((a) => Uint32Array.from(a));
const flips = fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: 48 });

function flipBits(base: Uint32Array, positions: readonly number[]): Uint32Array {
  const out = base.slice();
  for (const p of positions) out[p >> 5] = (out[p >> 5]! ^ (1 << (p & 31))) >>> 0;
  return out;
}

const planted = fc
  .array(fc.tuple(hashWords, fc.array(flips, { maxLength: 5 })), { minLength: 0, maxLength: 10 })
  .map((clusters) => clusters.flatMap(([c, fs]) => [c, ...fs.map((f) => flipBits(c, f))]));

function pack(hashes: readonly Uint32Array[]): Uint32Array {
  const out = new Uint32Array(hashes.length * PDQ_WORDS);
  hashes.forEach((h, i) => out.set(h, i * PDQ_WORDS));
  return out;
}

describe('forEachPairWithinRadius', () => {
  it('reports exactly the pairs a brute-force scan finds, each once', () => {
    fc.assert(
      fc.property(planted, fc.integer({ min: 0, max: 60 }), (hashes, radius) => {
        const words = pack(hashes);
        const found: string[] = [];
        forEachPairWithinRadius(words, hashes.length, radius, (a, b, d) => found.push(`${a}-${b}:${d}`));
        const expected: string[] = [];
        for (let a = 0; a < hashes.length; a++)
          for (let b = a + 1; b < hashes.length; b++) {
            const d = hammingDistance(words, a * PDQ_WORDS, words, b * PDQ_WORDS);
            if (d <= radius) expected.push(`${a}-${b}:${d}`);
          }
        expect(found.sort()).toEqual(expected.sort());
      }),
      { numRuns: 200 },
    );
  });
});

describe('forEachCrossPairWithinRadius', () => {
  it('reports exactly the cross pairs a brute-force scan finds, each once', () => {
    fc.assert(
      fc.property(planted, planted, fc.integer({ min: 0, max: 60 }), (left, right, radius) => {
        // Make the sides related: the right side also gets perturbed copies of the left.
        const rightAll = [
          ...right,
          ...left.slice(0, 4).map((h, i) => flipBits(h, [i * 9, i * 31 + 1, 200 - i])),
        ];
        const lw = pack(left);
        const rw = pack(rightAll);
        const found: string[] = [];
        forEachCrossPairWithinRadius(lw, left.length, rw, rightAll.length, radius, (a, b, d) =>
          found.push(`${a}-${b}:${d}`),
        );
        const expected: string[] = [];
        for (let a = 0; a < left.length; a++)
          for (let b = 0; b < rightAll.length; b++) {
            const d = hammingDistance(lw, a * PDQ_WORDS, rw, b * PDQ_WORDS);
            if (d <= radius) expected.push(`${a}-${b}:${d}`);
          }
        expect(found.sort()).toEqual(expected.sort());
      }),
      { numRuns: 150 },
    );
  });
});

describe('forEachPairWithinRadius on a large set (counting-sort path)', () => {
  it('finds exactly the brute-force pairs among 9,000 hashes with planted neighbours', () => {
    let seed = 5;
    const next = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (t ^ (t >>> 14)) >>> 0;
    };
    const count = 9000;
    const words = new Uint32Array(count * PDQ_WORDS).map(() => next());
    for (let i = 1; i < count; i += 9) {
      words.copyWithin(i * PDQ_WORDS, (i - 1) * PDQ_WORDS, i * PDQ_WORDS);
      for (let f = 0; f < next() % 40; f++) {
        const b = next() & 255;
        words[i * PDQ_WORDS + (b >> 5)] = (words[i * PDQ_WORDS + (b >> 5)]! ^ (1 << (b & 31))) >>> 0;
      }
    }
    const found: string[] = [];
    forEachPairWithinRadius(words, count, 31, (a, b, d) => found.push(`${a}-${b}:${d}`));
    const expected: string[] = [];
    for (let a = 0; a < count; a++)
      for (let b = a + 1; b < count; b++) {
        const d = distanceUpTo(words, a * PDQ_WORDS, words, b * PDQ_WORDS, 31);
        if (d <= 31) expected.push(`${a}-${b}:${d}`);
      }
    expect(expected.length).toBeGreaterThan(500);
    expect(found.sort()).toEqual(expected.sort());
  });
});
