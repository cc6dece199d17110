import type { PairVerification } from '../features/verify-pair';
import type { DihedralName } from '../hashing/pdq-dihedral';

/**
 * Why two images are in one series: the evidence of each link the grouper used to join them. Every
 * series is held together by a tree of such links (one per join), which the pair view shows.
 */
export const LinkKind = {
  /** Same SHA-256: the same file bytes. */
  exact: 'exact',
  /** Whole-image PDQ within the threshold, in one of the 8 orientations (`orientation`). */
  pdq: 'pdq',
  /** The picture inside borders, a letterbox or a screenshot (`rect`, on side `side`), by PDQ. */
  content: 'content',
  /** A slightly turned copy, by PDQ of a turned window. */
  turned: 'turned',
  /** A crop, aligned on the thumbnails and confirmed by PDQ of the window (`rect` on side `side`). */
  crop: 'crop',
  /** One tile of a collage, by PDQ of the tile (`rect`, on side `side`). */
  tile: 'tile',
  /** Keypoints: a geometric match with inliers (`geometry`). */
  keypoints: 'keypoints',
} as const;
export type LinkKind = (typeof LinkKind)[keyof typeof LinkKind];

export interface SeriesLink {
  readonly a: string;
  readonly b: string;
  readonly kind: LinkKind;
  /** PDQ Hamming distance, where a hash decided. */
  readonly distance?: number;
  /** Which of a's orientations matched b (pdq). */
  readonly orientation?: DihedralName;
  /** The region of one side (fractions x0,y0,x1,y1) that the hash was taken of. */
  readonly rect?: readonly number[];
  readonly side?: 'a' | 'b';
  readonly geometry?: PairVerification;
}
