// Golden test, Node realm: sharp decodes, the domain hashes; compared with the reference's expected
// full-resolution PDQ (../shared/corpus/pdq-reference). Pixels are checked first against the
// reference decoder's SHA-256: same pixels in must give the same hash out, bit for bit.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { hammingDistanceHex } from '../../domain/hashing/hamming';
import { pdqFromImage } from '../../domain/hashing/pdq';
import { PDQ_REFERENCE_DIR } from '../../../test/corpus';
import { decodeImageBytes } from './decode-node';
import { hashProblemEnglish } from './hash-problem-english';

interface Expected {
  hash: string;
  quality: number;
  path: string;
}

function csvRows(file: string): string[][] {
  return readFileSync(join(PDQ_REFERENCE_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(','));
}

const expected: Expected[] = csvRows('expected-pdq-fullres.csv').map(([hash, quality, , path]) => ({
  hash: hash!,
  quality: Number(quality),
  path: path!,
}));
const decodedRgb = new Map(csvRows('decoded-rgb-sha256.csv').map(([sha, , , path]) => [path!, sha!]));

/** Plain 8-bit JPEG/PNG: must be exact. The PIL "modes" re-encodings: within 10 bits (Meta's rule). */
export function mustBeExact(path: string): boolean {
  return !path.startsWith('misc-images/modes/') || /modes\/(original|RGB)\.jpg$/.test(path);
}

async function decode(path: string) {
  const result = await decodeImageBytes(
    new Uint8Array(readFileSync(join(PDQ_REFERENCE_DIR, 'images', path))),
  );
  if (!result.ok) throw new Error(`${path}: ${hashProblemEnglish(result)}`);
  return result.image;
}

describe('PDQ golden test (sharp decode)', () => {
  it('has the reference files', () => {
    expect(expected.length).toBeGreaterThanOrEqual(49);
  });

  it.each(expected.filter((e) => decodedRgb.has(e.path)))(
    'decodes $path to the reference decoder’s pixels',
    async ({ path }) => {
      const image = await decode(path);
      expect(image.channels).toBe(3);
      expect(createHash('sha256').update(image.data).digest('hex')).toBe(decodedRgb.get(path));
    },
  );

  it.each(expected)('hashes $path like the reference', async ({ path, hash, quality }) => {
    const result = pdqFromImage(await decode(path));
    if (mustBeExact(path)) {
      expect(result.hash).toBe(hash);
      expect(result.quality).toBe(quality);
    } else {
      expect(hammingDistanceHex(result.hash, hash)).toBeLessThanOrEqual(10);
    }
    expect(result.dihedral[0]).toBe(result.hash);
  });

  // The reference's own dihedral hashes are not bit-equal to hashing re-encoded rotated files either (the
  // tent filter's edges and the 64 sample points are not symmetric, and the files are re-encoded): each
  // derived hash must match its file (distance <= 31, the match threshold) and be nearest to it.
  it('derives the hashes of the 7 rotated and mirrored bridges from the original', async () => {
    const original = pdqFromImage(await decode('dih/bridge-1-original.jpg'));
    const variants = [
      'dih/bridge-2-rotate-90.jpg',
      'dih/bridge-3-rotate-180.jpg',
      'dih/bridge-4-rotate-270.jpg',
      'dih/bridge-5-flipx.jpg',
      'dih/bridge-6-flipy.jpg',
      'dih/bridge-7-flip-plus-1.jpg',
      'dih/bridge-8-flip-minus-1.jpg',
    ];
    const plain = await Promise.all(variants.map(async (v) => pdqFromImage(await decode(v)).hash));
    const distances = original.dihedral.slice(1).map((d) => plain.map((p) => hammingDistanceHex(d, p)));
    distances.forEach((row, k) => {
      expect(row[k], variants[k]).toBeLessThanOrEqual(31);
      expect(Math.min(...row.filter((_, j) => j !== k)), variants[k]).toBeGreaterThan(row[k]! + 31);
    });
    console.log('dihedral vs plain hashes of dih/ files:', distances.map((row, k) => row[k]).join(' '));
  });
});
