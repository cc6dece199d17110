import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { LocalFeatures } from '../features/local-features';
import type { PairVerification } from '../features/verify-pair';
import { PDQ_WORDS, pdqWordsToHex, type PdqHex } from '../hashing/pdq-hex';
import { createSeriesGrouper, type GroupingItem } from './series-grouper';

/** Deterministic words from a seed. */
function words(seed: number, n: number): Uint32Array {
  let s = seed >>> 0 || 1;
  return new Uint32Array(n).map(() => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  });
}
function hashOf(seed: number): PdqHex {
  return pdqWordsToHex(words(seed * 7919 + 1, PDQ_WORDS));
}
/** `bits` flipped in a hash, by seed. */
function near(hash: PdqHex, bits: number, seed: number): PdqHex {
  const w = new Uint32Array(PDQ_WORDS);
  for (let k = 0; k < PDQ_WORDS; k++) w[k] = Number.parseInt(hash.slice(k * 8, k * 8 + 8), 16);
  const r = words(seed + 99, bits);
  const chosen = new Set<number>();
  for (const x of r) chosen.add(x & 255);
  for (const b of chosen) w[b >> 5] = (w[b >> 5]! ^ (1 << (b & 31))) >>> 0;
  return pdqWordsToHex(w);
}
/** Features whose descriptors share `scene` words with every other item of the same scene. */
function features(scene: number, own: number, regions = 0): LocalFeatures {
  const shared = words(scene * 31 + 7, 64 * 8);
  const mine = words(own * 131 + 3, 64 * 8);
  const descriptors = new Uint32Array(128 * 8);
  descriptors.set(shared, 0);
  descriptors.set(mine, 64 * 8);
  return {
    v: 1,
    width: 100,
    height: 100,
    xy: new Uint16Array(256),
    descriptors,
    regions: Array.from(
      { length: regions },
      (_, k) => [k / Math.max(1, regions), 0, (k + 1) / Math.max(1, regions), 1] as const,
    ),
  };
}
const confirmed = (a: string, b: string): PairVerification => ({
  inliers: 40,
  matches: 50,
  transform: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  contained: 'a',
  containedRect: [0, 0, 1, 1],
  boxA: [0, 0, 1, 1],
  boxB: [0, 0, 1, 1],
  points: [a.length, b.length, 0, 0],
});

const together = (groups: string[][]) => {
  const of = new Map<string, number>();
  groups.forEach((g, n) => g.forEach((id) => of.set(id, n)));
  return (a: string, b: string) => of.get(a) === of.get(b);
};

describe('keypoint stage of the series grouper', () => {
  it('joins the pairs the check confirms, and only those', () => {
    const g = createSeriesGrouper();
    const items: GroupingItem[] = [
      { id: 'orig', pdq: hashOf(1), quality: 100, features: features(1, 1) },
      { id: 'crop', pdq: hashOf(2), quality: 100, features: features(1, 2) },
      { id: 'other', pdq: hashOf(3), quality: 100, features: features(2, 3) },
    ];
    const first = g.add(items.slice(0, 1));
    expect(first.checks).toEqual([]);
    const delta = g.add(items.slice(1));
    expect(delta.checks).toContainEqual({ a: 'orig', b: 'crop', ways: 'direct' });
    expect(delta.checks.some((c) => c.a === 'other' || c.b === 'other')).toBe(false);
    const after = g.confirm(delta.checks.map((c) => ({ ...c, verification: confirmed(c.a, c.b) })));
    expect(after.groups).toContainEqual({ groupId: 'orig', memberIds: ['orig', 'crop'] });
    expect(after.links).toHaveLength(1);
    expect(after.links[0]!.kind).toBe('keypoints');
    expect(g.groupOf('other')).toBe('other');
  });

  it('asks for the mirrored check where mirror descriptors met, and only there', () => {
    // 'flip' is a mirrored copy of 'orig': its mirror descriptors are orig's descriptors, its own are
    // not. 'both' shares descriptors with orig either way (a picture alike in its mirror).
    const g = createSeriesGrouper();
    const orig = features(1, 1);
    g.add([{ id: 'orig', pdq: hashOf(1), quality: 100, features: orig }]);
    const flip = { ...features(5, 5), mirrored: features(1, 2).descriptors };
    const both = { ...features(1, 6), mirrored: features(1, 7).descriptors };
    const alone = { ...features(8, 8), mirrored: features(9, 9).descriptors };
    const delta = g.add([
      { id: 'flip', pdq: hashOf(5), quality: 100, features: flip },
      { id: 'both', pdq: hashOf(6), quality: 100, features: both },
      { id: 'alone', pdq: hashOf(8), quality: 100, features: alone },
    ]);
    expect(delta.checks).toContainEqual({ a: 'orig', b: 'flip', ways: 'mirrored' });
    expect(delta.checks).toContainEqual({ a: 'orig', b: 'both', ways: 'both' });
    expect(delta.checks.some((c) => c.a === 'alone' || c.b === 'alone')).toBe(false);
    // Without its mirror descriptors the mirrored copy is never proposed.
    const plain = createSeriesGrouper();
    plain.add([{ id: 'orig', pdq: hashOf(1), quality: 100, features: orig }]);
    const without = plain.add([{ id: 'flip', pdq: hashOf(5), quality: 100, features: features(5, 5) }]);
    expect(without.checks).toEqual([]);
  });

  it('shows a lone image joined through a match as it is before a mirrored one with more inliers', () => {
    const g = createSeriesGrouper();
    g.add(
      [
        { id: 'orig', pdq: hashOf(1), quality: 100, features: features(1, 1) },
        { id: 'flip', pdq: near(hashOf(1), 8, 3), quality: 100, features: features(1, 3) },
      ],
      () => null,
    );
    expect(g.groupOf('flip')).toBe(g.groupOf('orig'));
    const delta = g.add([{ id: 'crop', pdq: hashOf(4), quality: 100, features: features(1, 4) }]);
    const after = g.confirm(
      delta.checks.map((c) => {
        const other = c.a === 'crop' ? c.b : c.a;
        const v = confirmed(c.a, c.b);
        return { ...c, verification: other === 'flip' ? { ...v, inliers: 90, mirrored: true } : v };
      }),
    );
    expect(delta.checks.map((c) => [c.a, c.b].sort().join())).toEqual(
      expect.arrayContaining(['crop,orig', 'crop,flip']),
    );
    expect(after.links).toHaveLength(1);
    expect([after.links[0]!.a, after.links[0]!.b].sort()).toEqual(['crop', 'orig']);
  });

  it('lets a collage join one series only, whatever the order', () => {
    const g = createSeriesGrouper();
    const verify = (a: string, b: string) => confirmed(a, b);
    g.add(
      [
        { id: 'x', pdq: hashOf(10), quality: 100, features: features(10, 10) },
        { id: 'x2', pdq: near(hashOf(10), 8, 1), quality: 100 },
        { id: 'y', pdq: hashOf(20), quality: 100, features: features(20, 20) },
        { id: 'y2', pdq: near(hashOf(20), 8, 2), quality: 100 },
      ],
      verify,
    );
    // The collage shares keypoints with both x and y.
    const collage = features(10, 30, 2);
    collage.descriptors.set(features(20, 31).descriptors.subarray(0, 64 * 8), 64 * 8);
    g.add([{ id: 'c', pdq: hashOf(30), quality: 100, features: collage }], verify);
    expect(g.groupOf('x')).not.toBe(g.groupOf('y'));
    expect([g.groupOf('x'), g.groupOf('y')]).toContain(g.groupOf('c'));
  });

  it('never lets a collage join another collage: they may share a tile and sit with different ones', () => {
    // c2 holds z; c1, added later, holds x and z and joins x's series through x. Joined to c1 as
    // well, c2 would sit with x, a picture it does not hold (harder corpus: two collages sharing one
    // photo put a collage with eight images of another base).
    const g = createSeriesGrouper();
    const verify = (a: string, b: string) => confirmed(a, b);
    g.add(
      [
        { id: 'x', pdq: hashOf(10), quality: 100, features: features(10, 10) },
        { id: 'x2', pdq: near(hashOf(10), 8, 1), quality: 100 },
        { id: 'c2', pdq: hashOf(52), quality: 100, features: features(40, 52, 2) },
      ],
      verify,
    );
    const c1 = features(10, 50, 2);
    c1.descriptors.set(features(40, 51).descriptors.subarray(0, 64 * 8), 64 * 8);
    const delta = g.add([{ id: 'c1', pdq: hashOf(50), quality: 100, features: c1 }]);
    expect(delta.checks).toContainEqual({ a: 'c2', b: 'c1', ways: 'direct' });
    g.confirm(delta.checks.map((c) => ({ ...c, verification: confirmed(c.a, c.b) })));
    expect(g.groupOf('c1')).toBe(g.groupOf('x'));
    expect(g.groupOf('c2')).toBe('c2');
  });

  it('asks with each tile of a collage, so lookalike templates do not crowd out the photo in it', () => {
    // Eight collages of one template (the same text cards) and an original photo are known. A new
    // collage of that template holds a tile of the photo: as a whole it resembles the templates more.
    const template = words(99 * 31 + 7, 64 * 8);
    const templateCollage = (k: number): LocalFeatures => ({
      ...features(200 + k, 200 + k, 2),
      descriptors: Uint32Array.from([...template, ...words(k * 17 + 5, 64 * 8)]),
    });
    const g = createSeriesGrouper({ checksPerImage: 2 });
    g.add([
      { id: 'orig', pdq: hashOf(50), quality: 100, features: features(50, 50) },
      ...Array.from({ length: 8 }, (_, k) => ({
        id: `t${k}`,
        pdq: hashOf(60 + k),
        quality: 100,
        features: templateCollage(k),
      })),
    ]);
    // Left tile: the template's 64 keypoints; right tile: 12 keypoints of the photo (the index holds
    // every other descriptor of the photo, so 6 of them can vote: at least MIN_VOTES).
    const photo = words(50 * 31 + 7, 12 * 8);
    const xy = new Uint16Array(76 * 2);
    for (let k = 0; k < 76; k++) {
      xy[k * 2] = k < 64 ? 16384 : 49152;
      xy[k * 2 + 1] = 32768;
    }
    const collage: LocalFeatures = {
      v: 1,
      width: 100,
      height: 100,
      xy,
      descriptors: Uint32Array.from([...template, ...photo]),
      regions: [
        [0, 0, 0.5, 1],
        [0.5, 0, 1, 1],
      ],
    };
    const delta = g.add([{ id: 'c', pdq: hashOf(70), quality: 100, features: collage }]);
    expect(delta.checks).toContainEqual({ a: 'orig', b: 'c', ways: 'direct' });
  });

  it('never separates a pair that PDQ alone puts together (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            family: fc.nat(5),
            bits: fc.integer({ min: 0, max: 40 }),
            scene: fc.nat(4),
            hasFeatures: fc.boolean(),
            accept: fc.boolean(),
          }),
          { minLength: 2, maxLength: 24 },
        ),
        fc.integer({ min: 1, max: 5 }),
        (specs, batches) => {
          const items: GroupingItem[] = specs.map((s, k) => ({
            id: `i${k}`,
            pdq: near(hashOf(s.family + 1), s.bits, k),
            quality: 100,
            ...(s.hasFeatures ? { features: features(s.scene, k + 100) } : {}),
          }));
          const plain = createSeriesGrouper();
          const full = createSeriesGrouper();
          const size = Math.ceil(items.length / batches);
          // Any answer of the check at all (here: a fixed coin per item pair) must keep PDQ's pairs.
          const verify = (a: string, b: string) =>
            specs[Number(a.slice(1))]!.accept !== specs[Number(b.slice(1))]!.accept ? confirmed(a, b) : null;
          for (let k = 0; k < items.length; k += size) {
            const batch = items.slice(k, k + size);
            plain.add(batch.map(({ features: _f, ...rest }) => rest));
            full.add(batch, verify);
          }
          const inPlain = together(plain.groups());
          const inFull = together(full.groups());
          for (const a of items)
            for (const b of items) if (inPlain(a.id, b.id)) expect(inFull(a.id, b.id)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
