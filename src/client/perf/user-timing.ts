/**
 * Named spans on the browser's performance timeline (User Timing): they show in the devtools
 * profiler and are what `npm run bench:ingest` reads to split an ingest into its stages. A measure
 * costs microseconds; nothing is kept here (the browser holds the entries; a page may clear them).
 */
export const Span = {
  /** One ingested batch through the series builder: grouping, the geometric checks and their writes. */
  grouping: 'waymark:grouping',
  /** The grouper's own work on that batch (hash indexes, union-find, descriptor index), no storage. */
  groupingIndex: 'waymark:grouping:index',
  /** The geometric checks of that batch's candidate pairs (verifyPair on stored keypoints). */
  groupingVerify: 'waymark:grouping:verify',
  /**
   * A refresh of the same-shoot suggestions (every dated photo of the case). Inside a batch's
   * grouping span, or, when the refresh budget put it off, in a grouping span of its own (0 images).
   */
  groupingSuggest: 'waymark:grouping:suggest',
} as const;
export type Span = (typeof Span)[keyof typeof Span];

/** What a span's entry carries: how many images it handled. */
export interface SpanDetail {
  readonly images: number;
}

export async function timed<T>(span: Span, detail: SpanDetail, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await run();
  } finally {
    performance.measure(span, { start, detail });
  }
}

export function timedSync<T>(span: Span, detail: SpanDetail, run: () => T): T {
  const start = performance.now();
  try {
    return run();
  } finally {
    performance.measure(span, { start, detail });
  }
}
