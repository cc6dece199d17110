/**
 * Which frames a vPDQ pass hashes, exactly as the reference decides it: every `step`-th decoded frame
 * from frame 0, with step = trunc(secondsPerHash · fps), and at least 1 (so 0 s per hash, or a rate
 * under one frame per `secondsPerHash`, hashes every frame). Frame numbers count decoded frames in
 * presentation order from 0; the timestamp is frame / fps.
 */
export function frameStep(fps: number, secondsPerHash: number): number {
  if (!(secondsPerHash > 0) || !Number.isFinite(fps) || fps <= 0) return 1;
  return Math.max(1, Math.trunc(secondsPerHash * fps));
}

export function isSampledFrame(frame: number, step: number): boolean {
  return frame % step === 0;
}

/** frame / fps, rounded to the millisecond (the reference text format prints 3 decimals). */
export function frameTimestamp(frame: number, fps: number): number {
  if (!(fps > 0)) return 0;
  return Math.round((frame / fps) * 1000) / 1000;
}

/**
 * Reads a seconds-per-hash option from the command line or settings: a finite number ≥ 0, else null.
 * 0 means every frame.
 */
export function parseSecondsPerHash(value: string | number | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 3600 ? n : null;
}
