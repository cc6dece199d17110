import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

import { hashRefusal } from '../../domain/hashing/hash-problem';
import { hashFailure } from '../../domain/hashing/signature';
import type { MediaSignature } from '../../domain/video/video-signature';
import type { HashFileOptions } from './hash-file';
import type { HashJob } from './hash-file.worker';
import { workerBundle } from './worker-bundle';

export interface HashedFile {
  path: string;
  signature: MediaSignature;
}

interface Done {
  readonly id: number;
  readonly signature: MediaSignature;
}

/** Files queued on one worker: the next one waits there, so a worker never idles for a round trip. */
const DEPTH_PER_WORKER = 2;
/** How far dispatch may run ahead of the oldest file not yet yielded (results are small). */
const AHEAD = 256;

/**
 * Hashes files in worker processes (default: one per core) and yields the results in input order.
 * Processes, not worker threads: two decoding threads of one process slow each other down (sharp's
 * and libvips' thread hand-offs and allocations share one process; measured 1.50 s against 1.34 s for
 * the public corpus on 2 cores), and a process costs only ~40 ms more to start.
 * Paths are pulled from `paths` as workers free up, so a folder walk streams, and a worker that
 * finishes is given the next file at once even while an earlier, larger file still holds up the
 * output (results wait, in order, up to AHEAD files). Per-file problems come back as failure
 * signatures; nothing here throws for them.
 */
export async function* hashFiles(
  paths: AsyncIterable<string> | Iterable<string>,
  options: { concurrency?: number; file?: HashFileOptions } = {},
): AsyncGenerator<HashedFile> {
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  if (concurrency === 1) {
    // Loaded here only: with worker threads the main thread never decodes, so it does not load sharp.
    const { hashFile } = await import('./hash-file');
    for await (const path of paths) yield { path, signature: await hashFile(path, options.file) };
    return;
  }
  const source: AsyncIterator<string> | Iterator<string> =
    Symbol.asyncIterator in paths ? paths[Symbol.asyncIterator]() : paths[Symbol.iterator]();
  const bundle = await workerBundle();

  interface Job {
    readonly path: string;
    readonly result: Promise<MediaSignature>;
    worker: number;
    resolve(signature: MediaSignature): void;
  }
  const jobs = new Map<number, Job>(); // dispatched, not yet yielded
  const inFlight = new Array<number>(concurrency).fill(0);
  const workers: ChildProcess[] = [];
  let closing = false;
  let failed: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  const finish = (id: number, signature: MediaSignature) => {
    const job = jobs.get(id);
    if (!job || job.worker < 0) return;
    inFlight[job.worker]!--;
    job.worker = -1;
    job.resolve(signature);
    void dispatch();
  };
  const start = (index: number) => {
    const worker = startWorker(bundle);
    worker.on('message', (done: Done) => finish(done.id, done.signature));
    // A worker that dies answers its files with an error and is replaced: the run goes on.
    let gone = false;
    const died = (why: string) => {
      if (gone) return;
      gone = true;
      for (const [id, job] of jobs)
        if (job.worker === index) finish(id, hashFailure(0, hashRefusal({ code: 'unexpected' }, why)));
      if (!closing) start(index);
    };
    worker.on('error', (error) => died(error.message));
    worker.on('exit', (code, signal) =>
      died(signal ? `the hashing process was stopped (${signal})` : `the hashing process exited (${code})`),
    );
    workers[index] = worker;
  };
  for (let i = 0; i < concurrency; i++) start(i);

  let nextId = 0;
  let nextOut = 0;
  let exhausted = false;
  let pulling = false;
  // One pull from `source` at a time; each path goes to the worker with the fewest files queued.
  const dispatch = async () => {
    if (pulling) return;
    pulling = true;
    try {
      while (!exhausted && !closing && nextId - nextOut < AHEAD) {
        const free = inFlight.indexOf(Math.min(...inFlight));
        if (inFlight[free]! >= DEPTH_PER_WORKER) break;
        const next = await source.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const id = nextId++;
        let resolve!: (signature: MediaSignature) => void;
        const result = new Promise<MediaSignature>((r) => (resolve = r));
        // Chosen again after the await: a worker may have finished meanwhile.
        const index = inFlight.indexOf(Math.min(...inFlight));
        jobs.set(id, { path: next.value, result, worker: index, resolve });
        inFlight[index]!++;
        workers[index]!.send({
          id,
          path: next.value,
          ...(options.file ? { options: options.file } : {}),
        } satisfies HashJob);
        notify();
      }
    } catch (error) {
      // The walk itself failed: rethrown to the caller below.
      failed = error instanceof Error ? error : new Error(String(error));
      exhausted = true;
    } finally {
      pulling = false;
      notify();
    }
  };

  try {
    void dispatch();
    for (;;) {
      const job = jobs.get(nextOut);
      if (!job) {
        if (failed !== undefined) throw failed;
        if (exhausted && !pulling && nextOut === nextId) return;
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      const signature = await job.result;
      jobs.delete(nextOut);
      nextOut++;
      void dispatch();
      yield { path: job.path, signature };
    }
  } finally {
    closing = true;
    await Promise.all(workers.map(stopWorker));
  }
}

/**
 * The worker is TypeScript like the rest of the CLI. Normally it runs from a plain-JavaScript bundle
 * (see worker-bundle.ts); without one, the child loads the TypeScript through tsx. `--expose-gc` lets
 * it free each decoded image at once (see hash-file.worker.ts). The child shares this process's
 * stdout/stderr, and its stdin is closed.
 */
const WORKER_SOURCE = fileURLToPath(new URL('./hash-file.worker.ts', import.meta.url));

/**
 * glibc's allocator settings for the workers: each decode allocates a few megabytes (libvips' buffers,
 * the pixels), and by default big blocks are mapped fresh and unmapped again, so every image pays its
 * page faults anew. Keeping freed memory in the heap (no mmap below 128 MiB, no trimming below 256 MiB)
 * and fewer arenas lets the next image reuse it: half the page faults, ~4% less CPU on the public
 * corpus. Ignored by other C libraries; an analyst's own settings win.
 */
const WORKER_MALLOC_ENV = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: String(128 << 20),
  MALLOC_TRIM_THRESHOLD_: String(256 << 20),
};

function startWorker(bundle: URL | undefined): ChildProcess {
  const options: ForkOptions = {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    env: { ...WORKER_MALLOC_ENV, ...process.env },
  };
  return bundle
    ? fork(fileURLToPath(bundle), [], { ...options, execArgv: ['--expose-gc'] })
    : fork(WORKER_SOURCE, [], { ...options, execArgv: ['--expose-gc', '--import', 'tsx'] });
}

/** Closes the channel (the worker exits on its own) and waits for the process to be gone. */
function stopWorker(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    worker.kill();
  });
}
