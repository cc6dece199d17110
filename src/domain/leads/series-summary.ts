import type { ExifSummary } from '../exif/exif-summary';

/**
 * What the series report counts: images per category (in the case's scheme order, uncategorized
 * last), cameras (make/model with body serial), and capture times binned over the series' span.
 * EXIF times carry no zone, so they are compared as written (read as UTC, never shifted).
 */
export interface SummaryMedia {
  readonly category: number | null;
  readonly exif?: ExifSummary;
}

export interface CameraCount {
  readonly camera: string;
  readonly serial: string;
  readonly count: number;
}

export interface CaptureTimeline {
  /** First and last capture time, `YYYY-MM-DDTHH:MM:SS`. */
  readonly first: string;
  readonly last: string;
  readonly bins: readonly number[];
}

export interface SeriesSummary {
  readonly categoryCounts: readonly { value: number | null; count: number }[];
  readonly cameras: readonly CameraCount[];
  readonly dated: number;
  readonly timeline: CaptureTimeline | null;
}

export const TIMELINE_BINS = 24;

export function summarizeSeries(
  media: readonly SummaryMedia[],
  categoryValues: readonly number[],
  binCount = TIMELINE_BINS,
): SeriesSummary {
  const categoryCounts = [...categoryValues, null].map((value) => ({
    value,
    count: media.filter((m) => m.category === value).length,
  }));
  const cameras = new Map<string, CameraCount>();
  for (const m of media) {
    const camera = [m.exif?.make, m.exif?.model].filter(Boolean).join(' ');
    const serial = m.exif?.serial ?? '';
    if (!camera && !serial) continue;
    const key = `${camera}\n${serial}`;
    cameras.set(key, { camera, serial, count: (cameras.get(key)?.count ?? 0) + 1 });
  }
  const times = media
    .flatMap((m) => (m.exif?.capturedAt ? [m.exif.capturedAt] : []))
    .filter((s) => Number.isFinite(Date.parse(`${s}Z`)))
    .sort();
  return {
    categoryCounts,
    cameras: [...cameras.values()].sort((a, b) => b.count - a.count || a.camera.localeCompare(b.camera)),
    dated: times.length,
    timeline: timelineOf(times, binCount),
  };
}

function timelineOf(sorted: readonly string[], binCount: number): CaptureTimeline | null {
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return null;
  const start = Date.parse(`${first}Z`);
  const span = Math.max(1, Date.parse(`${last}Z`) - start);
  const bins = new Array<number>(binCount).fill(0);
  for (const time of sorted) {
    const at = Math.min(binCount - 1, Math.floor(((Date.parse(`${time}Z`) - start) / span) * binCount));
    bins[at] = (bins[at] ?? 0) + 1;
  }
  return { first, last, bins };
}
