import { describe, expect, it } from 'vitest';

import type { MediaId } from '../../../domain/case/media';
import { groupMedia } from './series-builder';

const hex = (fill: string) => fill.repeat(64).slice(0, 64);
/** Flips the low bit of the first n nibbles: n bits of Hamming distance. */
function near(base: string, n: number): string {
  return [...base].map((c, i) => (i < n ? (parseInt(c, 16) ^ 1).toString(16) : c)).join('');
}

describe('groupMedia', () => {
  it('groups near-duplicates and exact copies, keyed by their smallest id, and leaves singletons out', () => {
    const a = hex('3c5a9f01');
    const b = hex('c3a5');
    const media = [
      { id: '01B' as MediaId, sha256: 's1', pdq: a, pdqQuality: 100, pdqDihedral: [] },
      { id: '01A' as MediaId, sha256: 's2', pdq: near(a, 10), pdqQuality: 100, pdqDihedral: [] },
      { id: '01C' as MediaId, sha256: 's3', pdq: b, pdqQuality: 100, pdqDihedral: [] },
      { id: '01D' as MediaId, sha256: 's4', pdq: '', pdqQuality: 0, pdqDihedral: [] },
    ];
    expect(groupMedia(media)).toEqual([{ groupKey: '01A', mediaIds: ['01B', '01A'] }]);
  });
});
