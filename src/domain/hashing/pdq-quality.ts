/**
 * PDQ quality (0-100) from the 64x64 downsample: the sum of quantised neighbour differences
 * |trunc((u - v) · 100 / 255)| (float32 steps, as the reference), over 90, capped at 100.
 * Below 50 the hash is not reliable (near-featureless images).
 */
const fround = Math.fround;

export function pdqQuality(a: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) {
      const d = Math.trunc(fround(fround(fround(a[i * 64 + j]! - a[(i + 1) * 64 + j]!) * 100) / 255));
      gradientSum += Math.abs(d);
    }
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) {
      const d = Math.trunc(fround(fround(fround(a[i * 64 + j]! - a[i * 64 + j + 1]!) * 100) / 255));
      gradientSum += Math.abs(d);
    }
  }
  return Math.min(100, Math.trunc(gradientSum / 90));
}
