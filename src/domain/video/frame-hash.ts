import type { PixelImage } from '../image/pixel-image';
import { coefficientsToHex } from '../hashing/pdq-bits';
import { pdqCoefficients, PDQ_MIN_DIMENSION } from '../hashing/pdq';
import type { PdqHex } from '../hashing/pdq-hex';

/**
 * One video frame's PDQ: the same full-resolution kernel as images (bit-exact with the reference given
 * the same pixels), without the 7 dihedral hashes (vPDQ matches frames as they are; turned copies of a
 * video are rare, and a still matching a frame is tried in the still's 8 orientations instead).
 */
const coefficients = new Float32Array(256);
const ZERO_HASH: PdqHex = '0'.repeat(64);

export function pdqOfFrame(image: PixelImage): { pdq: PdqHex; quality: number } {
  if (image.width < PDQ_MIN_DIMENSION || image.height < PDQ_MIN_DIMENSION)
    return { pdq: ZERO_HASH, quality: 0 };
  const quality = pdqCoefficients(image, coefficients);
  return { pdq: coefficientsToHex(coefficients), quality };
}
