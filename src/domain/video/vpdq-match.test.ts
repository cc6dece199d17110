import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { hammingDistanceHex } from '../hashing/hamming';
import { compareVpdq, prepareVpdqFeatures, VpdqSignal } from './vpdq-match';
import type { VpdqFeature } from './vpdq-feature';

/** A hash with `bits` low bits flipped from `base` (hex of 64 digits). */
function flip(base: string, bits: number[]): string {
  const digits = base.split('').map((c) => parseInt(c, 16));
  for (const b of bits) {
    const i = 63 - (b >> 2);
    digits[i] = digits[i]! ^ (1 << (b & 3));
  }
  return digits.map((d) => d.toString(16)).join('');
}

const A = 'b2dc981be36c994787bc16811edcda81d20b855627b6bff86e8ba1050b44ff86';
const B = '5c4d3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6';
const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

function frames(hashes: string[], quality = 100): VpdqFeature[] {
  return hashes.map((pdq, frame) => ({ frame, quality, pdq, timestamp: frame / 30 }));
}

describe('vPDQ preparation', () => {
  it('drops frames under the quality floor, then duplicate hashes (the first kept)', () => {
    const list: VpdqFeature[] = [
      { frame: 0, quality: 49, pdq: A, timestamp: 0 },
      { frame: 1, quality: 50, pdq: A.toUpperCase(), timestamp: 0.033 },
      { frame: 2, quality: 100, pdq: A, timestamp: 0.067 },
      { frame: 3, quality: 90, pdq: B, timestamp: 0.1 },
    ];
    expect(prepareVpdqFeatures(list).map((f) => [f.frame, f.pdq])).toEqual([
      [1, A],
      [3, B],
    ]);
  });
});

describe('vPDQ comparison', () => {
  it('counts a frame as matched within distance 31 inclusive, not at 32', () => {
    const at31 = flip(A, range(31));
    const at32 = flip(A, range(32));
    expect(hammingDistanceHex(A, at31)).toBe(31);
    expect(compareVpdq(frames([A]), frames([at31])).queryPercent).toBe(100);
    expect(compareVpdq(frames([A]), frames([at32])).queryPercent).toBe(0);
  });

  it('gives q% and c% from each side and calls a match at max(q%, c%) >= 80', () => {
    // The clip: 4 frames, all inside the longer video of 10 different frames.
    const long = range(10).map((i) => flip(B, range(40, i * 20)));
    const clip = long.slice(2, 6);
    const r = compareVpdq(frames(clip), frames(long));
    expect(r.queryPercent).toBe(100);
    expect(r.comparedPercent).toBe(40);
    expect(r.isMatch).toBe(true);
    expect(r.frameMatches.map((m) => [m.frame, m.otherFrame, m.distance])).toEqual([
      [0, 2, 0],
      [1, 3, 0],
      [2, 4, 0],
      [3, 5, 0],
    ]);
    const half = compareVpdq(
      frames([...clip, ...range(4).map((i) => flip(A, range(50, i * 30)))]),
      frames(long),
    );
    expect(half.queryPercent).toBe(50);
    expect(half.isMatch).toBe(false);
    expect(compareVpdq(frames(clip), frames(long), { matchPercent: 100 }).isMatch).toBe(true);
  });

  it('matches nothing when a side has no frame of usable quality', () => {
    const r = compareVpdq(frames([A], 10), frames([A]));
    expect(r).toMatchObject({ queryPercent: 0, comparedPercent: 0, isMatch: false, queryFrames: 0 });
  });

  it('agrees with a brute-force count (the index finds exactly the frames within the distance)', () => {
    const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
    fc.assert(
      fc.property(
        fc.array(hex, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(11), fc.array(fc.nat(255), { maxLength: 40 })), { maxLength: 12 }),
        (base, edits) => {
          const other = edits.map(([i, bits]) => flip(base[i % base.length]!, [...new Set(bits)]));
          if (other.length === 0) return;
          const q = new VpdqSignal(frames(base));
          const c = new VpdqSignal(frames(other));
          const brute = q.features.filter((f) =>
            c.features.some((g) => hammingDistanceHex(f.pdq, g.pdq) <= 31),
          ).length;
          expect(q.matchedFrames(c, 31)).toHaveLength(brute);
        },
      ),
      { numRuns: 60 },
    );
  });
});
