import { describe, expect, it } from 'vitest';

import type { PairVerification } from '../../../domain/features/verify-pair';
import { LinkKind, type SeriesLink } from '../../../domain/grouping';
import { loadCatalog } from '../../i18n/catalog';
import { createTranslator } from '../../i18n/translate';
import { evidenceLines } from './link-evidence';

const geometry: PairVerification = {
  inliers: 120,
  matches: 140,
  transform: [-1, 0, 1, 0, 1, 0, 0, 0, 1],
  contained: 'b',
  containedRect: [0, 0, 1, 1],
  boxA: [0.1, 0.1, 0.9, 0.9],
  boxB: [0.1, 0.1, 0.9, 0.9],
  points: [],
};
const link = (g: PairVerification): SeriesLink => ({ a: 'A', b: 'B', kind: LinkKind.keypoints, geometry: g });

describe('keypoint evidence in the pair view', () => {
  it('says when one picture is the mirror image of the other, in each language', async () => {
    const en = createTranslator('en');
    expect(evidenceLines(en, link({ ...geometry, mirrored: true }), 'B')).toEqual([
      '120 of 140 keypoint matches agree on one geometry',
      'One image is a mirror image of the other (flipped left to right).',
      'This image lies inside the other.',
    ]);
    expect(evidenceLines(en, link(geometry), 'A')).toEqual([
      '120 of 140 keypoint matches agree on one geometry',
      'The other image lies inside this one.',
    ]);
    for (const language of ['fr', 'es', 'ar'] as const) {
      const t = createTranslator(language, await loadCatalog(language));
      const lines = evidenceLines(t, link({ ...geometry, mirrored: true }), 'B');
      expect(lines).toHaveLength(3);
      expect(lines[1]).not.toBe('One image is a mirror image of the other (flipped left to right).');
    }
  });
});
