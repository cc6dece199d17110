import type { SeriesLink } from '../../../domain/grouping';
import type { Translate } from '../../i18n/translate';

/**
 * A link's evidence in the analyst's words, seen from one of its two images (`self`): the numbers
 * that decided (PDQ distance and orientation, keypoint inliers) and, for a containment, which side
 * lies inside which.
 */
export function evidenceLines(t: Translate, link: SeriesLink, self: string): string[] {
  const distance = link.distance ?? 0;
  switch (link.kind) {
    case 'exact':
      return [t('pair.kind.exact')];
    case 'pdq':
      return [
        t('pair.kind.pdq', {
          distance,
          orientation: t(`pair.orientation.${link.orientation ?? 'original'}`),
        }),
      ];
    case 'content':
      return [t('pair.kind.content', { distance })];
    case 'turned':
      return [t('pair.kind.turned', { distance })];
    case 'crop':
      return [t('pair.kind.crop', { distance })];
    case 'tile':
      return [t('pair.kind.tile', { distance })];
    case 'keypoints': {
      const g = link.geometry;
      if (!g) return [];
      const containedId = g.contained === 'a' ? link.a : link.b;
      return [
        t('pair.kind.keypoints', { inliers: g.inliers, matches: g.matches }),
        ...(g.mirrored ? [t('pair.mirrored')] : []),
        containedId === self ? t('pair.inside.this') : t('pair.inside.other'),
      ];
    }
  }
}

/** What to outline on one side of the pair view, as fractions of that image. */
export interface Overlay {
  readonly rects: readonly (readonly number[])[];
  readonly points: readonly (readonly [number, number])[];
}

export function overlayOf(link: SeriesLink, side: 'a' | 'b'): Overlay {
  const g = link.geometry;
  if (g) {
    const rects: (readonly number[])[] = [side === 'a' ? g.boxA : g.boxB];
    if (g.contained === side) rects.push(g.containedRect);
    const points: [number, number][] = [];
    for (let k = 0; k + 3 < g.points.length; k += 4)
      points.push(side === 'a' ? [g.points[k]!, g.points[k + 1]!] : [g.points[k + 2]!, g.points[k + 3]!]);
    return { rects, points };
  }
  return { rects: link.rect && link.side === side ? [link.rect] : [], points: [] };
}
