import { sourceKeyOf } from '../../../domain/case/media';
import type { ExifSummary } from '../../../domain/exif/exif-summary';
import type { GroupingSignals } from '../../../domain/features/compute-features';
import type { FileSignature } from '../../../domain/hashing/file-signature';
import { hashRefusal } from '../../../domain/hashing/hash-problem';
import type { VideoSignature } from '../../../domain/video/video-signature';
import type { FilmstripFrame } from '../../db/database';
import type { BatchOutcome, IngestedItem } from '../../db/ingest.repository';
import { ZipReadError, type IngestEntry } from './ingest-sources';

/**
 * One ingest run: entries stream from the source into the hashing pool through a bounded window
 * (never more than `window` files in flight), results are written in batches by ONE writer (in
 * order, one transaction each), and the whole thing can pause (stop feeding), resume and cancel.
 * Invariant: an entry is either written (media/file or error row) or not at all, so re-adding the
 * same source later resumes exactly where this run stopped. Cancelled work is dropped, not recorded
 * as an error.
 */

/** A video as the pool returns it: its signature, its card picture and its key-frame filmstrip. */
export type VideoPoolResult = VideoSignature & {
  readonly thumbnail: Blob;
  readonly thumbnailWidth: number;
  readonly thumbnailHeight: number;
  readonly mimeType: string;
  readonly format: string;
  readonly filmstrip: readonly FilmstripFrame[];
};

/** What the hashing pool returns for one file (hash-pool's WorkerMediaResult, plus optional EXIF). */
export type PoolResult =
  | VideoPoolResult
  | (Extract<FileSignature, { ok: true }> & {
      readonly thumbnail: Blob;
      readonly thumbnailWidth: number;
      readonly thumbnailHeight: number;
      readonly mimeType: string;
      readonly format: string;
      readonly exif?: ExifSummary;
      readonly grouping?: GroupingSignals;
    })
  | Extract<FileSignature, { ok: false }>;

export interface HashPoolPort {
  submit(file: Blob, options?: { readonly secondsPerHash?: number }): Promise<PoolResult>;
  cancel(): void;
  readonly size: number;
}

export type IngestPhase = 'running' | 'paused' | 'done' | 'cancelled' | 'failed';

export interface IngestProgress {
  readonly phase: IngestPhase;
  /** Files this run will handle, when known up front (a file list); else the count found so far. */
  readonly filesTotal: number;
  readonly totalKnown: boolean;
  readonly filesDone: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly skipped: number;
  readonly failed: number;
  readonly duplicates: number;
  readonly created: number;
  readonly filesPerSecond: number;
  readonly bytesPerSecond: number;
  /** Seconds left at the current rate; null while unknown. */
  readonly secondsLeft: number | null;
  /** Why the run stopped, when it failed. */
  readonly failure?: IngestFailure;
}

/**
 * Why a run stopped, for the panel to word: the browser's storage is full, an archive could not be
 * read, or anything else (a bug or a browser failure), with the browser's own words as the detail.
 */
export type IngestFailure =
  | { readonly kind: 'quota' }
  | { readonly kind: 'archive'; readonly archive: string; readonly detail: string }
  | { readonly kind: 'other'; readonly detail: string };

/** The failure a thrown value stands for, when no classifier knows better. */
export function ingestFailureOf(cause: unknown): IngestFailure {
  if (cause instanceof ZipReadError)
    return {
      kind: 'archive',
      archive: cause.archivePath,
      detail: cause.cause instanceof Error ? cause.cause.message : String(cause.cause),
    };
  return { kind: 'other', detail: cause instanceof Error ? cause.message : String(cause) };
}

export interface IngestOptions {
  readonly entries: AsyncIterable<IngestEntry>;
  readonly totals?: { files: number; bytes: number };
  readonly pool: HashPoolPort;
  /** Video sampling for this run (seconds between hashed frames; 0 = every frame). */
  readonly secondsPerHash?: number;
  /** Source keys already stored for the case: skipped without hashing. */
  readonly skip: ReadonlySet<string>;
  readonly write: (items: readonly IngestedItem[]) => Promise<BatchOutcome>;
  /** Called for each file as soon as it is hashed (e.g. to keep the session's originals). */
  readonly onHashed?: (entry: IngestEntry, item: IngestedItem) => void;
  /** Called after each written batch with the media it created (series building). */
  readonly afterBatch?: (outcome: BatchOutcome) => Promise<void> | void;
  readonly onProgress: (progress: IngestProgress) => void;
  /** Names the failures the caller knows (a full storage); others are classified by ingestFailureOf. */
  readonly classifyFailure?: (cause: unknown) => IngestFailure | null;
  readonly window?: number;
  readonly batchSize?: number;
  readonly progressEveryMs?: number;
  readonly clock?: () => number;
}

export interface IngestRun {
  pause(): void;
  resume(): void;
  cancel(): void;
  readonly finished: Promise<IngestProgress>;
}

function isVideoResult(result: Extract<PoolResult, { ok: true }>): result is VideoPoolResult {
  return 'kind' in result && result.kind === 'video';
}

function toItem(entry: IngestEntry, result: PoolResult): IngestedItem {
  const source = { path: entry.path, size: entry.size, lastModified: entry.lastModified };
  if (!result.ok) {
    const { reason, problem, detail } = result;
    return { ...source, ok: false, reason, problem, ...(detail === undefined ? {} : { detail }) };
  }
  if (isVideoResult(result)) {
    const { thumbnail, thumbnailWidth, thumbnailHeight, mimeType, format, filmstrip, ...signature } = result;
    return {
      ...source,
      ok: true,
      kind: 'video',
      signature,
      mimeType,
      format,
      thumbnail,
      thumbnailWidth,
      thumbnailHeight,
      filmstrip,
    };
  }
  const { thumbnail, thumbnailWidth, thumbnailHeight, mimeType, format, exif, grouping, ...signature } =
    result;
  return {
    ...source,
    ok: true,
    signature,
    mimeType,
    format,
    thumbnail,
    thumbnailWidth,
    thumbnailHeight,
    ...(exif ? { exif } : {}),
    ...(grouping ? { grouping } : {}),
  };
}

export function startIngest(options: IngestOptions): IngestRun {
  const clock = options.clock ?? (() => performance.now());
  const window = options.window ?? Math.max(2, options.pool.size * 2);
  const batchSize = options.batchSize ?? 50;
  const every = options.progressEveryMs ?? 150;
  const started = clock();
  let phase: IngestPhase = 'running';
  let failure: IngestFailure | undefined;
  const count = {
    found: 0,
    done: 0,
    bytesDone: 0,
    bytesFound: 0,
    skipped: 0,
    failed: 0,
    duplicates: 0,
    created: 0,
  };
  let lastReport = -Infinity;

  const snapshot = (): IngestProgress => {
    const seconds = Math.max(0.001, (clock() - started) / 1000);
    const totalKnown = options.totals !== undefined;
    const filesTotal = options.totals?.files ?? count.found;
    const filesPerSecond = count.done / seconds;
    const left = filesTotal - count.done - count.skipped;
    return {
      phase,
      filesTotal,
      totalKnown,
      filesDone: count.done,
      bytesDone: count.bytesDone,
      bytesTotal: options.totals?.bytes ?? count.bytesFound,
      skipped: count.skipped,
      failed: count.failed,
      duplicates: count.duplicates,
      created: count.created,
      filesPerSecond,
      bytesPerSecond: count.bytesDone / seconds,
      secondsLeft: totalKnown && filesPerSecond > 0 ? Math.max(0, left / filesPerSecond) : null,
      ...(failure ? { failure } : {}),
    };
  };
  const report = (force = false) => {
    const at = clock();
    if (!force && at - lastReport < every) return;
    lastReport = at;
    options.onProgress(snapshot());
  };

  let wakeFeeder: (() => void) | undefined;
  const gate = () =>
    phase === 'paused' ? new Promise<void>((resolve) => (wakeFeeder = resolve)) : Promise.resolve();
  const stopped = () => phase === 'cancelled' || phase === 'failed';

  let pending: IngestedItem[] = [];
  let writes: Promise<void> = Promise.resolve();
  let queuedBatches = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    queuedBatches++;
    writes = writes.then(async () => {
      try {
        if (phase === 'failed') return;
        const outcome = await options.write(items);
        count.created += outcome.created.length;
        count.duplicates += outcome.duplicates;
        count.failed += outcome.failed;
        await options.afterBatch?.(outcome);
        report();
      } catch (cause) {
        phase = 'failed';
        failure = options.classifyFailure?.(cause) ?? ingestFailureOf(cause);
        options.pool.cancel();
        wakeFeeder?.();
      } finally {
        queuedBatches--;
      }
    });
  };

  const inFlight = new Set<Promise<void>>();
  const hash = (entry: IngestEntry) => {
    const job = options.pool
      .submit(
        entry.blob,
        options.secondsPerHash === undefined ? {} : { secondsPerHash: options.secondsPerHash },
      )
      .then(
        (result) => toItem(entry, result),
        (cause: unknown): IngestedItem => ({
          path: entry.path,
          size: entry.size,
          lastModified: entry.lastModified,
          ...hashRefusal({ code: 'unreadable' }, cause instanceof Error ? cause.message : String(cause)),
        }),
      )
      .then((item) => {
        if (stopped()) return;
        options.onHashed?.(entry, item);
        count.done++;
        count.bytesDone += entry.size;
        pending.push(item);
        if (pending.length >= batchSize) flush();
        report();
      });
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  };

  const feed = async () => {
    try {
      for await (const entry of options.entries) {
        await gate();
        if (stopped()) break;
        count.found++;
        count.bytesFound += entry.size;
        if (options.skip.has(sourceKeyOf(entry.path, entry.size, entry.lastModified))) {
          count.skipped++;
          report();
          continue;
        }
        while (inFlight.size >= window) await Promise.race(inFlight);
        // The writer is the slower stage on a slow disk: keep at most two batches waiting for it.
        while (queuedBatches > 2) await writes;
        if (stopped()) break;
        hash(entry);
      }
    } catch (cause) {
      if (!stopped()) {
        phase = 'failed';
        failure = options.classifyFailure?.(cause) ?? ingestFailureOf(cause);
      }
    }
    await Promise.all(inFlight);
    flush();
    await writes;
    if (phase === 'running' || phase === 'paused') phase = 'done';
    const final = snapshot();
    options.onProgress(final);
    return final;
  };

  const finished = feed();
  return {
    pause() {
      if (phase === 'running') phase = 'paused';
      report(true);
    },
    resume() {
      if (phase !== 'paused') return;
      phase = 'running';
      wakeFeeder?.();
      report(true);
    },
    cancel() {
      if (phase !== 'running' && phase !== 'paused') return;
      phase = 'cancelled';
      options.pool.cancel();
      wakeFeeder?.();
    },
    finished,
  };
}
