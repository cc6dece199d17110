import type { PixelImage } from '../image/pixel-image';
import { coefficientsToHex } from './pdq-bits';
import { dct64To16 } from './pdq-dct';
import { dihedralCoefficients } from './pdq-dihedral';
import { downsampleLuma64 } from './pdq-downsample';
import type { PdqHex } from './pdq-hex';
import { pdqQuality } from './pdq-quality';

/**
 * PDQ (Meta's perceptual hash), full-resolution profile: the decoded pixels as stored, no pre-scaling,
 * float32 with the reference's order of operations, so hashes are bit-exact with the reference
 * implementations (C++ pdqHash256FromFloatLuma, Java) given the same pixels.
 */
export interface PdqResult {
  hash: PdqHex;
  /** 0-100; below 50 the hash is not reliable. */
  quality: number;
  /** original, rotate90, rotate180, rotate270, flipX, flipY, flipPlus1, flipMinus1; dihedral[0] === hash. */
  dihedral: readonly PdqHex[];
}

/** The reference refuses to hash images smaller than this on either side (all-zero hash, quality 0). */
export const PDQ_MIN_DIMENSION = 5;

const ZERO_HASH: PdqHex = '0'.repeat(64);
const grid = new Float32Array(64 * 64);
const coefficients = new Float32Array(256);
const variant = new Float32Array(256);

/** The 16x16 DCT coefficients and quality; exposed for tests and for callers that hash sub-regions. */
export function pdqCoefficients(image: PixelImage, out: Float32Array = new Float32Array(256)): number {
  downsampleLuma64(image, grid);
  dct64To16(grid, out);
  return pdqQuality(grid);
}

export function pdqFromImage(image: PixelImage): PdqResult {
  if (image.width < PDQ_MIN_DIMENSION || image.height < PDQ_MIN_DIMENSION)
    return { hash: ZERO_HASH, quality: 0, dihedral: Array.from({ length: 8 }, () => ZERO_HASH) };
  const quality = pdqCoefficients(image, coefficients);
  const hash = coefficientsToHex(coefficients);
  const dihedral: PdqHex[] = [hash];
  for (let k = 1; k < 8; k++) {
    dihedralCoefficients(coefficients, k, variant);
    dihedral.push(coefficientsToHex(variant));
  }
  return { hash, quality, dihedral };
}
