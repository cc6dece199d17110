/**
 * Video media in VICS. A video travels as any media does (MD5 as the key, SHA-1, `MimeType` video/…,
 * `MediaSize`), and its facts Waymark needs to take it back as a video (duration, frame rate, frame
 * size) travel in `MediaMetadata` (the model's name/value list), under the names below. We write no
 * field outside the Project VIC model; a reader that does not know these names keeps the video's
 * hashes and category, which is what a VICS exchange is for.
 *
 * The names are Waymark's own: no public source we could find names the VICS 2.0 video fields
 * (docs/VICS.md says what was searched and what was found), so they are kept under these names, and
 * the review segments under `WaymarkVideoSegment` (one property each), until an authoritative
 * definition says otherwise.
 *
 * Invariant: a record is read back as a video only when its MIME type is video/… and it states a
 * duration and a frame rate within the bounds the media record accepts; anything else stays a
 * hash-only item (as VICS media without pixels are), never a video with made-up facts. Segments are
 * read back only within that video and as the media record accepts them (validSegments); a malformed
 * one is left out, never guessed.
 */
import { MAX_VIDEO_SEGMENTS, validSegments, type VideoSegment } from '../video/video-segments';
import type { VicsProperty } from './vics-media';

/**
 * The `MediaMetadata` names of a video's facts (seconds with 3 decimals; frames per second) and of
 * each review segment (`start=S;end=S` in seconds with 3 decimals, then `;category=N` when it has one).
 */
export const VicsVideoProperty = {
  duration: 'VideoDurationSeconds',
  frameRate: 'VideoFrameRate',
  width: 'VideoWidth',
  height: 'VideoHeight',
  segment: 'WaymarkVideoSegment',
} as const;

export interface VicsVideoFacts {
  readonly durationMs: number;
  readonly fps: number;
  /** 0 when unknown. */
  readonly width: number;
  readonly height: number;
  /** Review segments (in start order); none when the video has none. */
  readonly segments?: readonly VideoSegment[];
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
  for (const segment of v.segments ?? [])
    out.push({ name: VicsVideoProperty.segment, value: segmentValue(segment) });
  return out;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function segmentValue(s: VideoSegment): string {
  const span = `start=${seconds(s.startMs)};end=${seconds(s.endMs)}`;
  return s.category === null ? span : `${span};category=${s.category}`;
}

const SEGMENT = /^\s*start=(\d+(?:\.\d{1,3})?);end=(\d+(?:\.\d{1,3})?)(?:;category=(\d{1,2}))?\s*$/;

/** The segments among these properties that fit a video of this length, in start order (at most 64). */
function readSegments(metadata: readonly VicsProperty[], durationMs: number): VideoSegment[] {
  const out: VideoSegment[] = [];
  for (const p of metadata) {
    if (p.name.trim().toLowerCase() !== VicsVideoProperty.segment.toLowerCase()) continue;
    const match = SEGMENT.exec(p.value);
    if (!match) continue;
    const segment: VideoSegment = {
      startMs: Math.round(Number(match[1]) * 1000),
      endMs: Math.round(Number(match[2]) * 1000),
      category: match[3] === undefined ? null : Number(match[3]),
    };
    if (validSegments([segment], durationMs)) out.push(segment);
  }
  out.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  return out.slice(0, MAX_VIDEO_SEGMENTS);
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
  const segments = readSegments(metadata, durationMs);
  return {
    durationMs,
    fps,
    width: size(VicsVideoProperty.width),
    height: size(VicsVideoProperty.height),
    ...(segments.length > 0 ? { segments } : {}),
  };
}
