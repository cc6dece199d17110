// A worker thread of `hashFiles`: hashes the paths it is sent, one at a time, and posts each signature back.
import { parentPort } from 'node:worker_threads';

import { hashFile } from './hash-file';

export interface HashJob {
  readonly id: number;
  readonly path: string;
}

if (!parentPort) throw new Error('hash-file.worker.ts runs as a worker thread');
const port = parentPort;
port.on('message', (job: HashJob) => {
  void hashFile(job.path).then((signature) => port.postMessage({ id: job.id, signature }));
});
