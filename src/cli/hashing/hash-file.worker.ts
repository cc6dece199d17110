// A worker process of `hashFiles` (a child process with an IPC channel; as a worker thread too, for
// callers that embed it): hashes the paths it is sent, one at a time in arrival order, and sends each
// signature back. One at a time: with one worker per core, a second decode running beside this
// worker's PDQ would only compete for the same cores (and hold a second full-size image in memory);
// `hashFiles` keeps the next path queued here so the worker never waits for a round trip.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';

import { hashFile, type HashFileOptions } from './hash-file';

export interface HashJob {
  readonly id: number;
  readonly path: string;
  readonly options?: HashFileOptions;
}

/**
 * sharp hands each decoded image over in memory that only the garbage collector gives back, and this
 * worker makes so little JavaScript garbage that a collection comes only every few dozen images:
 * meanwhile each image is decoded into fresh pages (page faults and zeroing, about 15% of a run's CPU).
 * A young-generation collection after each image (a fraction of a millisecond on this worker's small
 * heap) frees the image at once, so the next decode reuses its memory. `gc` is taken as jest's leak
 * detector takes it (worker threads refuse --expose-gc in execArgv); without it, no-op.
 */
const collectImage = ((): (() => void) => {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') {
      const collect = gc as (options: { type: 'minor' }) => void;
      return () => collect({ type: 'minor' });
    }
  } catch {
    // not available in this runtime: the collector runs on its own schedule
  }
  return () => undefined;
})();

interface JobPort {
  on(event: 'message', listener: (job: HashJob) => void): void;
  postMessage(message: unknown): void;
}

function jobPort(): JobPort {
  if (parentPort) return parentPort;
  const send = process.send?.bind(process);
  if (!send) throw new Error('hash-file.worker.ts runs as a child process with IPC or as a worker thread');
  // The parent gone (killed, or it closed the channel): nothing left to answer for.
  process.on('disconnect', () => process.exit(0));
  return {
    on: (event, listener) => process.on(event, listener),
    postMessage: (message) => send(message),
  };
}

const port = jobPort();
let queue: Promise<void> = Promise.resolve();
port.on('message', (job: HashJob) => {
  queue = queue.then(async () => {
    port.postMessage({ id: job.id, signature: await hashFile(job.path, job.options) });
    collectImage();
  });
});
