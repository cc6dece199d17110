// A seeded random source (mulberry32 seeded from a string's SHA-256), so the harder corpus is the same
// on every machine: the same seed and the same public images give the same parameters.
import { createHash } from 'node:crypto';

import { mulberry32 } from '../../src/domain/random/mulberry32';

export interface Rng {
  next(): number;
  uniform(lo: number, hi: number): number;
  /** Inclusive at both ends. */
  int(lo: number, hi: number): number;
  bool(p?: number): boolean;
  pick<T>(items: readonly T[]): T;
  sign(): number;
  shuffle<T>(items: T[]): T[];
  child(label: string): Rng;
}

export function makeRng(seed: string): Rng {
  const next = mulberry32(Number.parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16));
  const rng: Rng = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    bool: (p = 0.5) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    sign: () => (next() < 0.5 ? -1 : 1),
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
    child: (label) => makeRng(`${seed}/${label}`),
  };
  return rng;
}

export const r3 = (x: number): number => Math.round(x * 1000) / 1000;
