import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { hammingDistance } from '../hashing/hamming';
import { pdqWordsToHex, pdqHexToWords } from '../hashing/pdq-hex';
import type { HashList, HashListEntry } from './hash-list';
import { HashListMatcher, type PdqSearchIndex } from './matcher';

/** The obvious index, as the oracle for the matcher's own logic. */
function scanIndex(): PdqSearchIndex {
  const rows: { id: number; words: Uint32Array }[] = [];
  return {
    add: (id, hash) => void rows.push({ id, words: hash.slice() }),
    queryWithinRadius: (hash, radius) =>
      rows
        .map((r) => ({ id: r.id, distance: hammingDistance(hash, 0, r.words, 0) }))
        .filter((r) => r.distance <= radius),
  };
}

const MD5 = '9e107d9d372bb6826bd81d3542a419d6';
const SHA1 = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12';
const SHA256 = 'a'.repeat(64);
const PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';

/** Flips the first `bits` bits of a PDQ hash. */
function flip(hex: string, bits: number): string {
  const w = pdqHexToWords(hex);
  for (let b = 0; b < bits; b++) w[b >> 5]! ^= 1 << (b & 31);
  return pdqWordsToHex(w);
}

const list = (id: string, over: Partial<HashList> = {}): HashList => ({
  id,
  name: `List ${id}`,
  source: `${id}.csv`,
  format: 'csv',
  schemeId: 'vic-us',
  kind: 'known',
  enabled: true,
  count: 0,
  importedAt: '2026-11-28T00:00:00.000Z',
  ...over,
});
let n = 0;
const entry = (listId: string, over: Partial<HashListEntry>): HashListEntry => ({
  id: `e${++n}`,
  listId,
  ordinal: n,
  enabled: true,
  ...over,
});

const build = (lists: HashList[], entries: HashListEntry[], threshold?: number) =>
  new HashListMatcher(lists, entries, {
    createIndex: scanIndex,
    ...(threshold !== undefined ? { pdqThreshold: threshold } : {}),
  });

describe('HashListMatcher', () => {
  it('matches MD5, SHA-1 and SHA-256 exactly, case-insensitively, with provenance', () => {
    const m = build(
      [list('a')],
      [
        entry('a', { md5: MD5, category: 1, series: 'S1' }),
        entry('a', { sha1: SHA1 }),
        entry('a', { sha256: SHA256 }),
      ],
    );
    const out = m.match({ md5: MD5.toUpperCase(), sha1: SHA1, sha256: SHA256 });
    expect(out.matches.map((x) => [x.kind, x.distance, x.listName])).toEqual([
      ['sha256', 0, 'List a'],
      ['sha1', 0, 'List a'],
      ['md5', 0, 'List a'],
    ]);
    expect(out.known).toBe(true);
    expect(out.precategorization).toMatchObject({
      isPrecategorized: true,
      source: 'List a',
      category: 1,
      schemeId: 'vic-us',
    });
    expect(m.match({ md5: 'b'.repeat(32) }).matches).toEqual([]);
  });

  it('matches PDQ within the threshold through any dihedral hash, and records which', () => {
    const m = build([list('p', { format: 'pdq' })], [entry('p', { pdq: PDQ, label: 'beach' })]);
    const dihedral = Array.from({ length: 8 }, (_, i) => (i === 4 ? flip(PDQ, 9) : flip(PDQ, 100 + i)));
    const out = m.match({ pdq: dihedral[0], pdqQuality: 90, pdqDihedral: dihedral });
    expect(out.matches).toEqual([
      expect.objectContaining({ kind: 'pdq', distance: 9, dihedral: 4, label: 'beach' }),
    ]);
    expect(m.match({ pdq: flip(PDQ, 31) }).matches).toHaveLength(1);
    expect(m.match({ pdq: flip(PDQ, 32) }).matches).toHaveLength(0);
  });

  it('finds exactly the entries within the threshold (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 64 }),
        (bits, t) => {
          const entries = bits.map((b) => entry('p', { pdq: flip(PDQ, b) }));
          const out = build([list('p')], entries, t).match({ pdq: PDQ });
          expect(out.matches.map((x) => x.entryId).sort()).toEqual(
            entries
              .filter((_, i) => bits[i]! <= t)
              .map((e) => e.id)
              .sort(),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('flags low-quality PDQ matches on either side and never acts on them', () => {
    const m = build(
      [list('p')],
      [entry('p', { pdq: PDQ, pdqQuality: 20, category: 1 }), entry('p', { pdq: flip(PDQ, 2) })],
    );
    expect(m.stats).toMatchObject({ pdq: 2, pdqLowQuality: 1 });
    const lowFile = m.match({ pdq: PDQ, pdqQuality: 30 });
    expect(lowFile).toMatchObject({ known: false, precategorization: null });
    expect(lowFile.matches.map((x) => x.lowQuality)).toEqual([true, true]);
    const good = m.match({ pdq: PDQ, pdqQuality: 80 });
    expect(good.matches.map((x) => [x.distance, x.lowQuality])).toEqual([
      [0, true],
      [2, undefined],
    ]);
    expect(good).toMatchObject({ known: true, precategorization: { category: null } });
  });

  it('lets an allow list override known matches', () => {
    const m = build(
      [list('k'), list('ok', { kind: 'allow', name: 'Non-pertinent' })],
      [entry('k', { md5: MD5, category: 1 }), entry('ok', { md5: MD5 })],
    );
    const out = m.match({ md5: MD5 });
    expect(out).toMatchObject({ known: false, allowed: true, precategorization: null });
    expect(out.matches).toHaveLength(2);
  });

  it('leaves out disabled lists and entries', () => {
    const m = build(
      [list('a'), list('off', { enabled: false })],
      [entry('a', { md5: MD5, enabled: false }), entry('off', { md5: MD5 }), entry('a', { sha1: SHA1 })],
    );
    expect(m.match({ md5: MD5, sha1: SHA1 }).matches.map((x) => x.kind)).toEqual(['sha1']);
    expect(m.stats).toMatchObject({ lists: 1, entries: 1 });
  });

  it('flags lists of one scheme that disagree on the category, and prefers exact matches', () => {
    const m = build(
      [list('a'), list('b'), list('uk', { schemeId: 'uk-caid' })],
      [
        entry('a', { pdq: PDQ, category: 2 }),
        entry('b', { md5: MD5, category: 1 }),
        entry('uk', { md5: MD5, category: 3 }),
      ],
    );
    const out = m.match({ md5: MD5, pdq: PDQ });
    expect(out.precategorization).toMatchObject({ source: 'List b', category: 1 });
    expect(out.conflicts).toEqual([
      {
        schemeId: 'vic-us',
        claims: [
          { category: 1, matches: [expect.objectContaining({ listId: 'b' })] },
          { category: 2, matches: [expect.objectContaining({ listId: 'a' })] },
        ],
      },
    ]);
  });
});
