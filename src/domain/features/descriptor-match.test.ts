import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

import { enoughMatchOneWay, hamming256, matchDescriptors, MATCH_DEFAULTS } from './descriptor-match';
import { instantiateHammingKernel } from './hamming-kernel.wasm';

/** The matching rule written out plainly: mutual nearest, ratio test both ways, ties to the lowest index. */
function reference(a: Uint32Array, b: Uint32Array): number[] {
  const na = a.length / 8;
  const nb = b.length / 8;
  const nearest = (n: number, m: number, d: (i: number, j: number) => number) =>
    Array.from({ length: n }, (_, i) => {
      let best = -1;
      let d1 = 257;
      let d2 = 257;
      for (let j = 0; j < m; j++) {
        const x = d(i, j);
        if (x < d1) [d2, d1, best] = [d1, x, j];
        else if (x < d2) d2 = x;
      }
      return { best, d1, d2 };
    });
  const fromA = nearest(na, nb, (i, j) => hamming256(a, i * 8, b, j * 8));
  const fromB = nearest(nb, na, (j, i) => hamming256(a, i * 8, b, j * 8));
  const out: number[] = [];
  fromA.forEach(({ best: j, d1, d2 }, i) => {
    if (j < 0 || fromB[j]!.best !== i || d1 > MATCH_DEFAULTS.maxDistance) return;
    if (d1 > MATCH_DEFAULTS.ratio * d2 || d1 > MATCH_DEFAULTS.ratio * fromB[j]!.d2) return;
    out.push(i, j, d1);
  });
  return out;
}

/** The quick look written out plainly: how many of every `step`-th descriptor of a pass one way. */
function oneWayPasses(a: Uint32Array, b: Uint32Array, step: number): number {
  let passed = 0;
  for (let i = 0; i < a.length / 8; i += step) {
    const d = Array.from({ length: b.length / 8 }, (_, j) => hamming256(a, i * 8, b, j * 8)).sort(
      (x, y) => x - y,
    );
    const [d1 = 257, d2 = 257] = d;
    if (d1 <= MATCH_DEFAULTS.maxDistance && d1 <= MATCH_DEFAULTS.ratio * d2) passed++;
  }
  return passed;
}

const generator = (seed: number) => {
  let s = seed >>> 0 || 1;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0);
};

/** `n` random descriptors. */
const randomDescriptors = (n: number, seed: number) => {
  const next = generator(seed);
  return Uint32Array.from({ length: n * 8 }, next);
};

/**
 * `n` descriptors of which every other one is one of `of` with a few bits flipped (matches, and
 * near-ties where a descriptor of `of` is copied twice), the rest random.
 */
const relatedTo = (of: Uint32Array, n: number, seed: number) => {
  const next = generator(seed);
  const out = new Uint32Array(n * 8);
  const m = of.length / 8;
  for (let i = 0; i < n; i++) {
    const source = m > 0 && i % 2 === 0 ? next() % m : -1;
    for (let k = 0; k < 8; k++) out[i * 8 + k] = source < 0 ? next() : of[source * 8 + k]!;
    if (source >= 0) for (let f = next() % 24; f > 0; f--) out[i * 8 + (next() % 8)]! ^= 1 << (next() % 32);
  }
  return out;
};

describe('descriptor matching', () => {
  it('has the WebAssembly SIMD kernel in Node', () => {
    expect(instantiateHammingKernel()).not.toBeNull();
  });

  it('gives the plainly written rule’s matches, for any sizes (the kernel’s distances are exact)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer(),
        (na, nb, seed) => {
          const a = randomDescriptors(na, seed);
          const b = relatedTo(a, nb, seed * 7 + 1);
          expect([...matchDescriptors(a, b)]).toEqual(reference(a, b));
          expect([...matchDescriptors(b, a)]).toEqual(reference(b, a));
        },
      ),
      { numRuns: 200 },
    );
    // One full-size pair (500 x 480), past the kernel's first memory page.
    const a = randomDescriptors(500, 11);
    const b = relatedTo(a, 480, 12);
    const matches = [...matchDescriptors(a, b)];
    expect(matches.length).toBeGreaterThan(100);
    expect(matches).toEqual(reference(a, b));
  });

  it('says whether enough descriptors pass the one-way look, as the rule written plainly counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        fc.integer(),
        (na, nb, step, enough, related, seed) => {
          const a = randomDescriptors(na, seed);
          const b = related ? relatedTo(a, nb, seed * 7 + 1) : randomDescriptors(nb, seed * 7 + 1);
          const expected = oneWayPasses(a, b, step) >= enough;
          expect(enoughMatchOneWay(a, b, step, enough)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
    // Full size, on both sides of the count: the answer turns where the plain count reaches `enough`.
    const a = randomDescriptors(500, 21);
    const b = relatedTo(a, 480, 22);
    const passed = oneWayPasses(a, b, 3);
    expect(passed).toBeGreaterThan(10);
    expect(enoughMatchOneWay(a, b, 3, passed)).toBe(true);
    expect(enoughMatchOneWay(a, b, 3, passed + 1)).toBe(false);
  });

  it('gives the same matches in JavaScript where there is no WebAssembly', async () => {
    vi.resetModules();
    vi.stubGlobal('WebAssembly', undefined);
    try {
      const plain = await import('./descriptor-match');
      const kernel = await import('./hamming-kernel.wasm');
      expect(kernel.instantiateHammingKernel()).toBeNull();
      for (const seed of [1, 2, 3]) {
        const a = randomDescriptors(60 + seed, seed);
        const b = relatedTo(a, 50, seed * 7 + 1);
        const matches = [...plain.matchDescriptors(a, b)];
        expect(matches.length).toBeGreaterThan(0);
        expect(matches).toEqual(reference(a, b));
        const passed = oneWayPasses(a, b, 3);
        expect(plain.enoughMatchOneWay(a, b, 3, passed)).toBe(true);
        expect(plain.enoughMatchOneWay(a, b, 3, passed + 1)).toBe(false);
      }
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
