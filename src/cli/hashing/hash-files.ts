import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import type { FileSignature } from '../../domain/hashing/file-signature';
import { HashFailureReason } from '../../domain/hashing/file-signature';
import { hashFailure } from '../../domain/hashing/signature';
import { hashFile } from './hash-file';
import type { HashJob } from './hash-file.worker';

export interface HashedFile {
  path: string;
  signature: FileSignature;
}

interface Done {
  readonly id: number;
  readonly signature: FileSignature;
}

/**
 * Hashes files on worker threads (default: one per core) and yields the results in input order.
 * Paths are pulled from `paths` only as workers free up (at most 2 in flight per worker), so a
 * folder walk streams. Per-file problems come back as failure signatures; nothing here throws for them.
 */
export async function* hashFiles(
  paths: AsyncIterable<string> | Iterable<string>,
  options: { concurrency?: number } = {},
): AsyncGenerator<HashedFile> {
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  if (concurrency === 1) {
    for await (const path of paths) yield { path, signature: await hashFile(path) };
    return;
  }
  const source: AsyncIterator<string> | Iterator<string> =
    Symbol.asyncIterator in paths ? paths[Symbol.asyncIterator]() : paths[Symbol.iterator]();
  const waiting = new Map<number, { worker: number; resolve: (signature: FileSignature) => void }>();
  const workers: Worker[] = [];
  const start = (index: number) => {
    const worker = startWorker();
    worker.on('message', (done: Done) => {
      waiting.get(done.id)?.resolve(done.signature);
      waiting.delete(done.id);
    });
    // A worker that dies answers its files with an error and is replaced: the run goes on.
    worker.on('error', (error) => {
      for (const [id, job] of waiting)
        if (job.worker === index) {
          job.resolve(
            hashFailure(0, HashFailureReason.undecodable, `Hashing failed unexpectedly: ${error.message}`),
          );
          waiting.delete(id);
        }
      if (!closing) start(index);
    });
    workers[index] = worker;
  };
  let closing = false;
  const leastBusy = () => {
    const busy = new Array<number>(concurrency).fill(0);
    for (const job of waiting.values()) busy[job.worker]!++;
    return busy.indexOf(Math.min(...busy));
  };
  for (let i = 0; i < concurrency; i++) start(i);
  const pending: { path: string; result: Promise<FileSignature> }[] = [];
  let nextId = 0;
  let exhausted = false;
  const fill = async () => {
    while (!exhausted && pending.length < concurrency * 2) {
      const next = await source.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      const id = nextId++;
      // The least busy worker: one slow file does not hold up the files queued behind it elsewhere.
      const index = leastBusy();
      const worker = workers[index]!;
      const result = new Promise<FileSignature>((resolve) => waiting.set(id, { worker: index, resolve }));
      worker.postMessage({ id, path: next.value } satisfies HashJob);
      pending.push({ path: next.value, result });
    }
  };
  try {
    await fill();
    while (pending.length > 0) {
      const head = pending.shift()!;
      const signature = await head.result;
      await fill();
      yield { path: head.path, signature };
    }
  } finally {
    closing = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * The worker is TypeScript like the rest of the CLI. Node 20 does not carry `--import tsx` loader hooks
 * into worker threads, so a two-line bootstrap registers tsx in the worker and then loads the module.
 */
const WORKER_URL = new URL('./hash-file.worker.ts', import.meta.url).href;
const BOOTSTRAP = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(WORKER_URL)});`;

function startWorker(): Worker {
  return new Worker(BOOTSTRAP, { eval: true, execArgv: [] });
}
