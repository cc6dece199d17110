import * as Comlink from 'comlink';

import { hashRefusal } from '../../domain/hashing/hash-problem';
import { hashFailure } from '../../domain/hashing/signature';

import type { HashFileOptions, HashWorkerApi, WorkerMediaResult } from '../../worker/hash.worker';

/**
 * The hashing workers: `max(1, hardwareConcurrency - 1)` by default (one core left for the page),
 * a FIFO queue, one file per worker at a time. Each worker gets a File handle (no bytes copied).
 * `cancel()` drops the queued jobs (their promises reject with an AbortError) and terminates and
 * replaces the busy workers (a running decode cannot be interrupted any other way).
 */
export interface HashPool {
  readonly size: number;
  /** Images and videos alike (a video by its first bytes; `options` set its sampling). */
  submit(file: Blob, options?: HashFileOptions): Promise<WorkerMediaResult>;
  cancel(): void;
  dispose(): void;
}

interface Job {
  readonly file: Blob;
  readonly options: HashFileOptions;
  readonly resolve: (result: WorkerMediaResult) => void;
  readonly reject: (reason: unknown) => void;
}

interface Slot {
  worker: Worker;
  api: Comlink.Remote<HashWorkerApi>;
  jobs: Job[];
}

/**
 * Files handed to each worker at once: with 2, the next file is already in the worker when one
 * finishes (its read and decode overlap the previous file's hashing), so the worker never waits
 * for the main thread between files.
 */
const JOBS_PER_WORKER = 2;

export function defaultPoolSize(): number {
  const cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2;
  return Math.max(1, cores - 1);
}

function abortError(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * A file the browser could not read (moved, changed or removed since it was picked) is `unreadable`;
 * any other throw is `unexpected`. Either way the browser's words are kept as the detail.
 */
function crashRefusal(error: unknown) {
  const detail = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  return name === 'NotReadableError' || name === 'NotFoundError'
    ? hashRefusal({ code: 'unreadable' }, detail)
    : hashRefusal({ code: 'unexpected' }, detail);
}

export function createHashPool(options: { size?: number } = {}): HashPool {
  const size = Math.max(1, options.size ?? defaultPoolSize());
  const queue: Job[] = [];
  let disposed = false;

  const spawn = (): Slot => {
    const worker = new Worker(new URL('../../worker/hash.worker.ts', import.meta.url), {
      type: 'module',
      name: 'waymark-hash',
    });
    return { worker, api: Comlink.wrap<HashWorkerApi>(worker), jobs: [] };
  };
  const slots: Slot[] = Array.from({ length: size }, spawn);

  const replace = (slot: Slot) => {
    slot.api[Comlink.releaseProxy]();
    slot.worker.terminate();
    Object.assign(slot, spawn());
  };

  const settle = (slot: Slot, job: Job): boolean => {
    const index = slot.jobs.indexOf(job);
    if (index < 0) return false; // cancelled meanwhile
    slot.jobs.splice(index, 1);
    return true;
  };

  const run = (slot: Slot, job: Job) => {
    slot.jobs.push(job);
    const worker = slot.worker;
    slot.api.hashFile(job.file, job.options).then(
      (result) => {
        if (!settle(slot, job)) return;
        job.resolve(result);
        pump();
      },
      (error: unknown) => {
        if (!settle(slot, job)) return;
        // A throw is a bug or a crashed decoder: report it for this file, start a fresh worker
        // (its other file goes back to the front of the queue), and go on.
        if (slot.worker === worker) {
          queue.unshift(...slot.jobs.splice(0));
          replace(slot);
        }
        job.resolve(hashFailure(job.file.size, crashRefusal(error)));
        pump();
      },
    );
  };

  const pump = () => {
    for (let depth = 0; depth < JOBS_PER_WORKER; depth++)
      for (const slot of slots) {
        if (slot.jobs.length > depth || queue.length === 0) continue;
        run(slot, queue.shift()!);
      }
  };

  return {
    size,
    submit(file, options = {}) {
      if (disposed) return Promise.reject(abortError('The hashing pool was closed.'));
      return new Promise<WorkerMediaResult>((resolve, reject) => {
        queue.push({ file, options, resolve, reject });
        pump();
      });
    },
    cancel() {
      for (const job of queue.splice(0)) job.reject(abortError('Hashing was cancelled.'));
      for (const slot of slots) {
        if (slot.jobs.length === 0) continue;
        const running = slot.jobs.splice(0);
        replace(slot);
        for (const job of running) job.reject(abortError('Hashing was cancelled.'));
      }
    },
    dispose() {
      this.cancel();
      disposed = true;
      for (const slot of slots) {
        slot.api[Comlink.releaseProxy]();
        slot.worker.terminate();
      }
    },
  };
}
