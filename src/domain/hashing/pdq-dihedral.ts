/**
 * The 8 rotations and flips of an image, found from its 16x16 DCT coefficients without re-hashing:
 * mirroring an axis negates the odd-frequency (here, even-index: the DCT starts at frequency 1)
 * coefficients along it, and swapping the axes transposes the matrix. Reference order and sign rules.
 */
export const DIHEDRAL_NAMES = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipX',
  'flipY',
  'flipPlus1',
  'flipMinus1',
] as const;
export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

interface Transform {
  readonly transpose: boolean;
  /** +1 or -1 for input coefficient [i][j]. */
  readonly sign: (i: number, j: number) => number;
}

const plus = () => 1;
const TRANSFORMS: readonly Transform[] = [
  { transpose: false, sign: plus },
  { transpose: true, sign: (_i, j) => (j & 1 ? 1 : -1) },
  { transpose: false, sign: (i, j) => ((i + j) & 1 ? -1 : 1) },
  { transpose: true, sign: (i) => (i & 1 ? 1 : -1) },
  { transpose: false, sign: (i) => (i & 1 ? 1 : -1) },
  { transpose: false, sign: (_i, j) => (j & 1 ? 1 : -1) },
  { transpose: true, sign: plus },
  { transpose: true, sign: (i, j) => ((i + j) & 1 ? -1 : 1) },
];

/** Writes the coefficients of dihedral variant `index` (0..7, DIHEDRAL_NAMES order) into `out`. */
export function dihedralCoefficients(c: Float32Array, index: number, out: Float32Array): void {
  const t = TRANSFORMS[index];
  if (!t) throw new RangeError(`dihedral index ${index} is not 0..7`);
  for (let i = 0; i < 16; i++)
    for (let j = 0; j < 16; j++) {
      const v = c[i * 16 + j]! * t.sign(i, j);
      if (t.transpose) out[j * 16 + i] = v;
      else out[i * 16 + j] = v;
    }
}
