/**
 * Matched frames of a video as spans of time: what an analyst reads in a match ("0:03-0:12 of this
 * video is 0:00-0:09 of the known one") instead of hundreds of frame pairs. Consecutive matched frames
 * form one span while the time between them stays within `maxGapSeconds` (a sampled video has a frame
 * per second or so; a longer gap means frames in between did not match).
 *
 * Invariants: spans are in the query's time order and never overlap; `frames` sums to the matched
 * frames kept; at most `maxSpans` are kept (the earliest) and `omitted` counts the frames of the rest.
 * Frames of unknown time (UNKNOWN_TIMESTAMP, from hash files that did not say) are joined by frame
 * number instead, within `maxGapFrames`.
 */
import type { FrameMatch } from './vpdq-match';

export interface FrameSpan {
  /** First and last matched frame of the query video in this span, and their times (seconds, -1 unknown). */
  readonly fromFrame: number;
  readonly toFrame: number;
  readonly from: number;
  readonly to: number;
  /** The earliest and latest time of the other video's frames they matched. */
  readonly otherFrom: number;
  readonly otherTo: number;
  /** Matched frames in the span. */
  readonly frames: number;
  /** The closest PDQ distance in the span. */
  readonly distance: number;
}

export interface FrameSpans {
  readonly spans: FrameSpan[];
  /** Matched frames beyond the kept spans. */
  readonly omitted: number;
}

export interface FrameSpanOptions {
  readonly maxGapSeconds?: number;
  readonly maxGapFrames?: number;
  readonly maxSpans?: number;
}

export const DEFAULT_MAX_SPANS = 16;

export function frameSpans(matches: readonly FrameMatch[], options: FrameSpanOptions = {}): FrameSpans {
  const maxGapSeconds = options.maxGapSeconds ?? 2.5;
  const maxGapFrames = options.maxGapFrames ?? 90;
  const maxSpans = options.maxSpans ?? DEFAULT_MAX_SPANS;
  const sorted = [...matches].sort((a, b) => a.frame - b.frame);
  const spans: FrameSpan[] = [];
  let omitted = 0;
  let open: { -readonly [K in keyof FrameSpan]: FrameSpan[K] } | null = null;
  const close = () => {
    if (!open) return;
    if (spans.length < maxSpans) spans.push(open);
    else omitted += open.frames;
    open = null;
  };
  for (const m of sorted) {
    const near =
      open !== null &&
      (m.timestamp >= 0 && open.to >= 0
        ? m.timestamp - open.to <= maxGapSeconds
        : m.frame - open.toFrame <= maxGapFrames);
    if (open && near) {
      open.toFrame = m.frame;
      open.to = m.timestamp;
      open.otherFrom = Math.min(open.otherFrom, m.otherTimestamp);
      open.otherTo = Math.max(open.otherTo, m.otherTimestamp);
      open.frames++;
      open.distance = Math.min(open.distance, m.distance);
      continue;
    }
    close();
    open = {
      fromFrame: m.frame,
      toFrame: m.frame,
      from: m.timestamp,
      to: m.timestamp,
      otherFrom: m.otherTimestamp,
      otherTo: m.otherTimestamp,
      frames: 1,
      distance: m.distance,
    };
  }
  close();
  return { spans, omitted };
}
