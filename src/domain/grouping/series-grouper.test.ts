import { describe, expect, it } from 'vitest';

import { PDQ_WORDS, pdqWordsToHex, type PdqHex } from '../hashing/pdq-hex';
import type { ExtraSignatures } from '../image-analysis/extra-signatures';
import { createSeriesGrouper, type GroupingItem } from './series-grouper';

function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}
const next = rng(42);
const randomHash = (): PdqHex => pdqWordsToHex(new Uint32Array(PDQ_WORDS).map(() => next()));
/** `hash` with `bits` distinct bits flipped. */
function near(hash: PdqHex, bits: number): PdqHex {
  const words = new Uint32Array(PDQ_WORDS);
  for (let w = 0; w < PDQ_WORDS; w++) words[w] = Number.parseInt(hash.slice(w * 8, w * 8 + 8), 16);
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(next() & 255);
  for (const b of chosen) words[b >> 5] = (words[b >> 5]! ^ (1 << (b & 31))) >>> 0;
  return pdqWordsToHex(words);
}
function extra(content?: PdqHex, turned: PdqHex[] = []): ExtraSignatures {
  return {
    v: 1,
    width: 100,
    height: 100,
    ...(content ? { content: { hash: content, quality: 100, rect: [0, 0, 1, 1] } } : {}),
    turned,
    thumb: '',
  };
}
const sorted = (groups: string[][]) =>
  groups.map((g) => [...g].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));

describe('createSeriesGrouper', () => {
  it('groups PDQ near-duplicates, keeps others alone, and puts every item in one group', () => {
    const a = randomHash();
    const b = randomHash();
    const g = createSeriesGrouper();
    g.add([
      { id: 'a1', pdq: a, quality: 100 },
      { id: 'a2', pdq: near(a, 20), quality: 100 },
      { id: 'b1', pdq: b, quality: 100 },
      { id: 'c', pdq: randomHash(), quality: 100 },
    ]);
    expect(sorted(g.groups())).toEqual([['a1', 'a2'], ['b1'], ['c']]);
  });

  it('groups low-quality hashes only with exact copies', () => {
    const blank = '0'.repeat(64);
    const g = createSeriesGrouper();
    g.add([
      { id: 'x', pdq: blank, quality: 10, sha256: 's1' },
      { id: 'y', pdq: blank, quality: 10, sha256: 's2' },
      { id: 'z', pdq: blank, quality: 10, sha256: 's1' },
    ]);
    expect(sorted(g.groups())).toEqual([['x', 'z'], ['y']]);
  });

  it('matches a mirrored copy through its dihedral hashes', () => {
    const a = randomHash();
    const mirrored = near(a, 6);
    const turned = [
      randomHash(),
      randomHash(),
      randomHash(),
      mirrored,
      randomHash(),
      randomHash(),
      randomHash(),
    ];
    const g = createSeriesGrouper();
    g.add([
      { id: 'orig', pdq: a, quality: 100, dihedral: [a, ...turned] },
      { id: 'flip', pdq: near(mirrored, 4), quality: 100 },
    ]);
    expect(g.groups()).toHaveLength(1);
  });

  it('adds batches incrementally and reports new, grown and merged groups', () => {
    const a = randomHash();
    const b = near(a, 28);
    const g = createSeriesGrouper();
    const first = g.add([
      { id: 'a', pdq: a, quality: 100 },
      { id: 'b', pdq: b, quality: 100 },
    ]);
    // a and b are 28 apart: one group.
    expect(first.groups).toEqual([{ groupId: 'a', memberIds: ['a', 'b'] }]);
    const c = randomHash();
    g.add([{ id: 'c', pdq: c, quality: 100 }]);
    expect(g.groupOf('c')).toBe('c');
    // A copy close to both a and c bridges two existing groups: c's group merges into the older a.
    const bridge: GroupingItem = { id: 'd', pdq: near(a, 5), quality: 100, extra: extra(near(c, 5)) };
    const delta = g.add([bridge]);
    expect(delta.merged).toEqual([{ from: 'c', into: 'a' }]);
    expect(delta.groups).toEqual([{ groupId: 'a', memberIds: ['a', 'b', 'c', 'd'] }]);
    expect(g.add([{ id: 'a', pdq: a }]).groups).toEqual([]); // an id already known is ignored
  });

  it('does not let one image that contains two pictures chain their series together', () => {
    const a = randomHash();
    const b = randomHash();
    const g = createSeriesGrouper();
    g.add([
      { id: 'a1', pdq: a, quality: 100 },
      { id: 'a2', pdq: near(a, 10), quality: 100 },
      { id: 'b1', pdq: b, quality: 100 },
      { id: 'b2', pdq: near(b, 10), quality: 100 },
    ]);
    // A collage: its content hash is a, one of its turned hashes is b.
    g.add([{ id: 'collage', pdq: randomHash(), quality: 100, extra: extra(near(a, 4), [near(b, 4)]) }]);
    const groups = sorted(g.groups());
    expect(groups).toHaveLength(2);
    expect(groups.find((x) => x.includes('b1'))).toEqual(['b1', 'b2']);
  });

  it('merges two series on partial evidence when two images on each side agree', () => {
    const a = randomHash();
    const b = randomHash();
    const g = createSeriesGrouper();
    g.add([
      { id: 'a1', pdq: a, quality: 100, extra: extra(undefined, [near(b, 3)]) },
      { id: 'a2', pdq: near(a, 8), quality: 100, extra: extra(undefined, [near(b, 5)]) },
    ]);
    const delta = g.add([
      { id: 'b1', pdq: b, quality: 100 },
      { id: 'b2', pdq: near(b, 9), quality: 100 },
    ]);
    expect(sorted(g.groups())).toEqual([['a1', 'a2', 'b1', 'b2']]);
    expect(delta.groups[0]?.groupId).toBe('a1');
  });

  it('stops PDQ chains that drift away from their founder', () => {
    const order = [...Array(256).keys()].sort(() => (next() & 1) - 0.5);
    let words = new Uint32Array(PDQ_WORDS).map(() => next());
    const items: GroupingItem[] = [];
    for (let s = 0; s < 8; s++) {
      items.push({ id: `s${s}`, pdq: pdqWordsToHex(words), quality: 100 });
      words = words.slice();
      for (const b of order.slice(s * 25, s * 25 + 25))
        words[b >> 5] = (words[b >> 5]! ^ (1 << (b & 31))) >>> 0;
    }
    const g = createSeriesGrouper();
    g.add(items);
    expect(g.groupOf('s0')).not.toBe(g.groupOf('s7'));
  });
});
