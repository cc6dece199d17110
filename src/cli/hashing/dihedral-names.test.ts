import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import en from '../../client/i18n/catalogs/en.json';
import { hammingDistanceHex } from '../../domain/hashing/hamming';
import { DIHEDRAL_NAMES } from '../../domain/hashing/pdq-dihedral';
import { corpusPath } from '../../../test/corpus';
import { hashFile } from './hash-file';

interface Row {
  readonly file: string;
  readonly base_id: string;
  readonly role: string;
  readonly transform: string;
}

const rows = readFileSync(corpusPath('manifest.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Row);

describe('the names of the PDQ dihedral variants', () => {
  // The reference order names variants by the axis they flip about: flipX turns the image upside
  // down, flipY mirrors it left to right. Both screens that name them must say so.
  it('flipY is the left-right mirror: a corpus hflip variant matches its original’s flipY', async () => {
    const mirrored = rows.find((r) => r.transform === 'hflip')!;
    const original = rows.find((r) => r.base_id === mirrored.base_id && r.role === 'original')!;
    const [a, b] = await Promise.all([
      hashFile(corpusPath(original.file)),
      hashFile(corpusPath(mirrored.file)),
    ]);
    if (!a.ok || !('pdqDihedral' in a) || !b.ok || !('pdq' in b))
      throw new Error('corpus images did not hash');
    const distances = a.pdqDihedral.map((hex) => hammingDistanceHex(hex, b.pdq));
    const nearest = DIHEDRAL_NAMES[distances.indexOf(Math.min(...distances))];
    expect(nearest).toBe('flipY');
    expect(Math.min(...distances)).toBeLessThan(31);
  });

  it('the hash tool and the pair evidence name each variant alike (English is the source)', () => {
    expect(en['hashTool.dih.flipY']).toMatch(/left to right/i);
    expect(en['pair.orientation.flipY']).toMatch(/left to right/i);
    expect(en['hashTool.dih.flipX']).toMatch(/top to bottom/i);
    expect(en['pair.orientation.flipX']).toMatch(/top to bottom/i);
    for (const name of DIHEDRAL_NAMES.filter((n) => n.startsWith('flip')))
      expect(en[`pair.orientation.${name}`].toLowerCase()).toContain(
        en[`hashTool.dih.${name}`].toLowerCase().replace(/^mirrored /, ''),
      );
  });
});
