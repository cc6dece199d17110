// A worker thread of `hashFiles`: hashes the paths it is sent, one at a time in arrival order, and posts
// each signature back. One at a time: with one worker per core, a second decode running beside this
// worker's PDQ would only compete for the same cores (and hold a second full-size image in memory);
// `hashFiles` keeps the next path queued here so the worker never waits for a round trip.
import { parentPort } from 'node:worker_threads';

import { hashFile } from './hash-file';

export interface HashJob {
  readonly id: number;
  readonly path: string;
}

if (!parentPort) throw new Error('hash-file.worker.ts runs as a worker thread');
const port = parentPort;
let queue: Promise<void> = Promise.resolve();
port.on('message', (job: HashJob) => {
  queue = queue.then(async () => port.postMessage({ id: job.id, signature: await hashFile(job.path) }));
});
