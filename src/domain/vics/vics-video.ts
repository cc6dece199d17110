/**
 * Video media in VICS. A video travels as any media does (MD5 as the key, SHA-1, `MimeType` video/…,
 * `MediaSize`), and its facts Waymark needs to take it back as a video (duration, frame rate, frame
 * size) travel in `MediaMetadata` (the model's name/value list), under the names below. We write no
 * field outside the Project VIC model; a reader that does not know these names keeps the video's
 * hashes and category, which is what a VICS exchange is for.
 *
 * Invariant: a record is read back as a video only when its MIME type is video/… and it states a
 * duration and a frame rate within the bounds the media record accepts; anything else stays a
 * hash-only item (as VICS media without pixels are), never a video with made-up facts.
 */
import type { VicsProperty } from './vics-media';

/** The `MediaMetadata` names of a video's facts (seconds with 3 decimals; frames per second). */
export const VicsVideoProperty = {
  duration: 'VideoDurationSeconds',
  frameRate: 'VideoFrameRate',
  width: 'VideoWidth',
  height: 'VideoHeight',
} as const;

export interface VicsVideoFacts {
  readonly durationMs: number;
  readonly fps: number;
  /** 0 when unknown. */
  readonly width: number;
  readonly height: number;
}

/** Bounds of what is taken back (a week; 1000 frames per second), as the media record's. */
export interface VicsVideoBounds {
  readonly maxDurationMs: number;
  readonly maxFps: number;
}

export const isVideoMimeType = (mimeType: string | undefined): boolean =>
  mimeType !== undefined && /^video\//i.test(mimeType.trim());

/** A video's facts as `MediaMetadata` properties. */
export function videoMetadata(v: VicsVideoFacts): VicsProperty[] {
  const out: VicsProperty[] = [
    { name: VicsVideoProperty.duration, value: (v.durationMs / 1000).toFixed(3) },
    { name: VicsVideoProperty.frameRate, value: String(Math.round(v.fps * 1000) / 1000) },
  ];
  if (v.width > 0) out.push({ name: VicsVideoProperty.width, value: String(v.width) });
  if (v.height > 0) out.push({ name: VicsVideoProperty.height, value: String(v.height) });
  return out;
}

/** A video's facts from a record's MIME type and `MediaMetadata`, or null when it is not one we can take. */
export function readVideoFacts(
  mimeType: string | undefined,
  metadata: readonly VicsProperty[],
  bounds: VicsVideoBounds,
): VicsVideoFacts | null {
  if (!isVideoMimeType(mimeType)) return null;
  const value = (name: string) => {
    const p = metadata.find((m) => m.name.trim().toLowerCase() === name.toLowerCase());
    if (!p || !/^\s*\d+(?:\.\d+)?\s*$/.test(p.value)) return null;
    return Number(p.value);
  };
  const seconds = value(VicsVideoProperty.duration);
  const fps = value(VicsVideoProperty.frameRate);
  if (seconds === null || fps === null) return null;
  const durationMs = Math.round(seconds * 1000);
  if (durationMs > bounds.maxDurationMs || fps <= 0 || fps > bounds.maxFps) return null;
  const size = (name: string) => {
    const n = value(name);
    return n !== null && Number.isInteger(n) && n <= 1_000_000 ? n : 0;
  };
  return { durationMs, fps, width: size(VicsVideoProperty.width), height: size(VicsVideoProperty.height) };
}
