/**
 * mulberry32: a small, fast 32-bit generator whose sequence is the same on every machine for a seed.
 * For fixed draws that must never change (the descriptor's test pattern) and for reproducible test
 * and benchmark data; never for anything secret.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
