/**
 * Segments of a video an analyst marks in review: a start and an end (milliseconds from the start)
 * and a category in the case's scheme (null until one is given), beside the whole video's category.
 *
 * Invariants (what every function here returns, and what the media record accepts): each segment
 * lies within the video (0 <= start < end <= duration); segments are in start order (then end);
 * at most MAX_VIDEO_SEGMENTS; overlapping segments are allowed (two categories can apply at once).
 */
export interface VideoSegment {
  readonly startMs: number;
  readonly endMs: number;
  readonly category: number | null;
}

export const MAX_VIDEO_SEGMENTS = 64;

const order = (a: VideoSegment, b: VideoSegment) => a.startMs - b.startMs || a.endMs - b.endMs;

/** Whether a list holds the invariants for a video of this length. */
export function validSegments(list: readonly VideoSegment[], durationMs: number): boolean {
  if (list.length > MAX_VIDEO_SEGMENTS) return false;
  return list.every(
    (s, i) =>
      Number.isInteger(s.startMs) &&
      Number.isInteger(s.endMs) &&
      s.startMs >= 0 &&
      s.startMs < s.endMs &&
      s.endMs <= durationMs &&
      (i === 0 || order(list[i - 1]!, s) <= 0),
  );
}

/**
 * Adds the span between two marks (in either order, clamped to the video, whole milliseconds).
 * Returns the new list and the new segment's index, or null when the span is empty or the list full.
 */
export function addSegment(
  list: readonly VideoSegment[],
  markA: number,
  markB: number,
  durationMs: number,
  category: number | null = null,
): { segments: VideoSegment[]; index: number } | null {
  if (list.length >= MAX_VIDEO_SEGMENTS) return null;
  const clamp = (ms: number) => Math.min(durationMs, Math.max(0, Math.round(ms)));
  const startMs = clamp(Math.min(markA, markB));
  const endMs = clamp(Math.max(markA, markB));
  if (endMs <= startMs) return null;
  const added: VideoSegment = { startMs, endMs, category };
  const segments = [...list, added].sort(order);
  return { segments, index: segments.indexOf(added) };
}

export function setSegmentCategory(
  list: readonly VideoSegment[],
  index: number,
  category: number | null,
): VideoSegment[] {
  return list.map((s, i) => (i === index ? { ...s, category } : s));
}

export function removeSegment(list: readonly VideoSegment[], index: number): VideoSegment[] {
  return list.filter((_, i) => i !== index);
}
