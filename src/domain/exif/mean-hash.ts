/**
 * "Does the embedded thumbnail show the same picture as the image?" — the rule:
 * both are reduced to 8×8 grayscale (the thumbnail first cropped to the image's aspect ratio, since
 * cameras letterbox IFD1 thumbnails to 160×120), each becomes a 64-bit mean hash (bit = pixel above the
 * mean), and they differ when more than THUMBNAIL_DIFF_BITS of 64 bits disagree. Re-encoding and
 * scaling move a mean hash by a few bits; a different picture moves it by about half (~32).
 */
export const THUMBNAIL_DIFF_BITS = 16;

export function meanHash(gray: Uint8Array): bigint {
  if (gray.length !== 64) throw new Error('meanHash expects 8×8 = 64 gray values');
  const mean = gray.reduce((sum, v) => sum + v, 0) / 64;
  let hash = 0n;
  for (let i = 0; i < 64; i++) if (gray[i]! > mean) hash |= 1n << BigInt(i);
  return hash;
}

export function meanHashDistance(a: bigint, b: bigint): number {
  let x = a ^ b;
  let count = 0;
  while (x > 0n) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}

export function thumbnailDiffers(imageGray: Uint8Array, thumbnailGray: Uint8Array): boolean {
  return meanHashDistance(meanHash(imageGray), meanHash(thumbnailGray)) > THUMBNAIL_DIFF_BITS;
}

/** The centred rectangle of a (tw × th) thumbnail with the image's aspect ratio: the letterbox removed. */
export function aspectCrop(
  tw: number,
  th: number,
  iw: number,
  ih: number,
): { x: number; y: number; w: number; h: number } {
  const target = iw / ih;
  if (tw / th > target) {
    const w = Math.max(1, Math.round(th * target));
    return { x: Math.round((tw - w) / 2), y: 0, w, h: th };
  }
  const h = Math.max(1, Math.round(tw / target));
  return { x: 0, y: Math.round((th - h) / 2), w: tw, h };
}
