import type { VpdqFeature } from './vpdq-feature';

/**
 * A video's frame hashes as they sync: split into parts of at most `FRAMES_PER_PART` frames (one
 * `videoFrames` record each, a few tens of KiB, within the server's per-record cap), at most
 * `MAX_FRAME_PARTS` parts per video. Before splitting, duplicate hashes are removed (first kept: the
 * reference's rule) and, for a video longer than the bound allows, the remaining frames are thinned
 * evenly over its length, so the server's work and storage per video are bounded whatever its length.
 * The browser stores the same parts (its grouping needs no more).
 *
 * Invariant: part ids are `<mediaId>.<part>` with part < MAX_FRAME_PARTS, so a media has at most that
 * many frame records, and the server can check it from the record alone.
 */
export const FRAMES_PER_PART = 256;
export const MAX_FRAME_PARTS = 16;
/** Parts for the pictures inside bars (letterbox, pillarbox): a still shown in a wider frame. */
export const PICTURE_FRAME_PARTS = 4;
/** Whole frames a video can carry to the team server (about 51 minutes at one frame per second). */
export const MAX_SYNCED_FRAMES = FRAMES_PER_PART * (MAX_FRAME_PARTS - PICTURE_FRAME_PARTS);

export interface FramePart {
  readonly part: number;
  readonly parts: number;
  /** True: hashes of the picture inside the frames' bars (VideoSignature.pictureVpdq). */
  readonly picture: boolean;
  readonly frames: readonly VpdqFeature[];
}

export const framePartId = (mediaId: string, part: number) => `${mediaId}.${part}`;

/** Distinct hashes (first occurrence), thinned evenly to at most `max`. */
export function boundedFrames(frames: readonly VpdqFeature[], max = MAX_SYNCED_FRAMES): VpdqFeature[] {
  const seen = new Set<string>();
  const distinct = frames.filter((f) => !seen.has(f.pdq) && seen.add(f.pdq));
  if (distinct.length <= max) return distinct;
  // Evenly over the video: index i*n/max for i < max (first and spread; never the same frame twice).
  return Array.from({ length: max }, (_, i) => distinct[Math.floor((i * distinct.length) / max)]!);
}

/** The parts of a video: its whole frames first, then the pictures inside bars, numbered together. */
export function framePartsOf(
  frames: readonly VpdqFeature[],
  picture: readonly VpdqFeature[] = [],
): FramePart[] {
  const chunks = (kept: VpdqFeature[], isPicture: boolean) =>
    Array.from({ length: Math.ceil(kept.length / FRAMES_PER_PART) }, (_, i) => ({
      picture: isPicture,
      frames: kept.slice(i * FRAMES_PER_PART, (i + 1) * FRAMES_PER_PART),
    }));
  const all = [
    ...chunks(boundedFrames(frames), false),
    ...chunks(boundedFrames(picture, FRAMES_PER_PART * PICTURE_FRAME_PARTS), true),
  ];
  return all.map((chunk, part) => ({ part, parts: all.length, ...chunk }));
}
