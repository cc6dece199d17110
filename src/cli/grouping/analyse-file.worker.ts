// A worker thread of `analyseFiles`: analyses the paths it is sent, one at a time, and posts each result back.
import { parentPort } from 'node:worker_threads';

import { analyseFile } from './analyse-file';

if (!parentPort) throw new Error('analyse-file.worker.ts runs as a worker thread');
const port = parentPort;
port.on('message', (job: { id: number; path: string }) => {
  void analyseFile(job.path).then((result) => port.postMessage({ id: job.id, result }));
});
