import { describe, expect, it } from 'vitest';

import { PDQ_WORDS } from '../hashing/pdq-hex';
import { groupHashBatch } from './hash-batch-grouping';

function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function flip(words: Uint32Array, offset: number, bits: number, next: () => number): void {
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(next() & 255);
  for (const b of chosen) words[offset + (b >> 5)] = (words[offset + (b >> 5)]! ^ (1 << (b & 31))) >>> 0;
}

function sameGroups(labels: Int32Array, expected: number[][]): void {
  for (const group of expected) for (const i of group) expect(labels[i]).toBe(labels[group[0]!]);
  const firsts = expected.map((g) => labels[g[0]!]);
  expect(new Set(firsts).size).toBe(expected.length);
}

describe('groupHashBatch', () => {
  it('keeps planted clusters whole and merges nothing else', () => {
    const next = rng(7);
    const count = 3000;
    const words = new Uint32Array(count * PDQ_WORDS).map(() => next());
    const clusters: number[][] = [];
    // Every 10th item starts a cluster of 4: copies within 31 bits of the centre (up to 62 apart).
    for (let c = 0; c + 4 <= count; c += 10) {
      for (let m = 1; m < 4; m++) {
        words.copyWithin((c + m) * PDQ_WORDS, c * PDQ_WORDS, (c + 1) * PDQ_WORDS);
        flip(words, (c + m) * PDQ_WORDS, 10 + ((next() >>> 0) % 22), next);
      }
      clusters.push([c, c + 1, c + 2, c + 3]);
    }
    const result = groupHashBatch({ count, words });
    const clustered = new Set(clusters.flat());
    const singles = [...Array(count).keys()].filter((i) => !clustered.has(i)).map((i) => [i]);
    sameGroups(result.labels, [...clusters, ...singles]);
    expect(result.groupCount).toBe(clusters.length + singles.length);
  });

  it('groups low-quality hashes only by exact key', () => {
    const words = new Uint32Array(3 * PDQ_WORDS); // three identical (blank-like) hashes
    const quality = Uint8Array.from([10, 10, 10]);
    const result = groupHashBatch({ count: 3, words, quality, exactKeys: ['x', 'y', 'x'] });
    sameGroups(result.labels, [[0, 2], [1]]);
  });

  it('matches mirrored copies through their dihedral variants only', () => {
    const next = rng(3);
    const words = new Uint32Array(2 * PDQ_WORDS).map(() => next());
    const variants = new Uint32Array(2 * 7 * PDQ_WORDS).map(() => next());
    // Item 0 flipped horizontally (variant 4 = flipX) is item 1 with 5 bits changed.
    variants.set(words.subarray(PDQ_WORDS, 2 * PDQ_WORDS), (0 * 7 + 3) * PDQ_WORDS);
    flip(variants, 3 * PDQ_WORDS, 5, next);
    expect(groupHashBatch({ count: 2, words }).groupCount).toBe(2);
    const hasVariants = Uint8Array.from([1, 0]);
    expect(groupHashBatch({ count: 2, words, variants, hasVariants }).groupCount).toBe(1);
  });

  it('refuses to chain images that drift apart step by step', () => {
    const next = rng(11);
    const steps = 8;
    const words = new Uint32Array(steps * PDQ_WORDS);
    for (let w = 0; w < PDQ_WORDS; w++) words[w] = next();
    // Each step flips 25 new bits: neighbours are 25 apart, the ends 175 apart.
    const order = [...Array(256).keys()].sort(() => (next() & 1) - 0.5);
    for (let s = 1; s < steps; s++) {
      words.copyWithin(s * PDQ_WORDS, (s - 1) * PDQ_WORDS, s * PDQ_WORDS);
      for (const b of order.slice((s - 1) * 25, s * 25))
        words[s * PDQ_WORDS + (b >> 5)] = (words[s * PDQ_WORDS + (b >> 5)]! ^ (1 << (b & 31))) >>> 0;
    }
    const result = groupHashBatch({ count: steps, words });
    expect(result.edgesFound).toBe(steps - 1);
    expect(result.edgesRefused).toBeGreaterThan(0);
    expect(result.labels[0]).not.toBe(result.labels[steps - 1]);
    // Without the guard the whole chain would be one group.
    expect(groupHashBatch({ count: steps, words }, { chainLimit: 256 }).groupCount).toBe(1);
  });
});
