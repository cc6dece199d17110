/**
 * The kinds of signal Waymark compares content by (after ThreatExchange's `signal_type/` modules): each
 * is defined once, here and in its own module, and everything else derives from this list — hash-list
 * columns and matches, the deconfliction index, the sync contract's notices, the UI labels. A new signal
 * type (as vPDQ for video was) is added here and then becomes a compile error at every place that must handle it.
 */
export const SignalType = {
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  pdq: 'pdq',
  /** A video frame's PDQ (vPDQ): matched within the PDQ radius, like an image's. */
  vpdq: 'vpdq',
} as const;
export type SignalType = (typeof SignalType)[keyof typeof SignalType];

export const SIGNAL_TYPES = Object.values(SignalType) as readonly SignalType[] as readonly [
  SignalType,
  ...SignalType[],
];

export function isSignalType(value: unknown): value is SignalType {
  return typeof value === 'string' && (SIGNAL_TYPES as readonly string[]).includes(value);
}

/**
 * What a signal type knows about its values. `exact` signals match by equality (cryptographic digests);
 * `distance` signals match within a Hamming radius (perceptual hashes).
 */
export interface SignalDefinition<T extends SignalType = SignalType> {
  readonly type: T;
  readonly comparison: 'exact' | 'distance';
  /** Lower-case hex digits of one value. */
  readonly hexLength: number;
  /** The canonical form (trimmed, lower-case) of a value read from outside, or null when it is not one. */
  normalize(raw: string): string | null;
  /** True when `value` is already canonical (what stored and synced records must hold). */
  isCanonical(value: string): boolean;
}

/** A signal type whose values are fixed-length lower-case hex (all of today's). */
export function hexSignal<T extends SignalType>(
  type: T,
  hexLength: number,
  comparison: SignalDefinition['comparison'],
): SignalDefinition<T> {
  const canonical = new RegExp(`^[0-9a-f]{${hexLength}}$`);
  return {
    type,
    comparison,
    hexLength,
    normalize(raw) {
      const hex = raw.trim().toLowerCase();
      return canonical.test(hex) ? hex : null;
    },
    isCanonical: (value) => canonical.test(value),
  };
}
