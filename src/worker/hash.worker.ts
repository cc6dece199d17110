// The hashing worker: one file in, its signature (+ thumbnail) out. Pure compute; the main thread stores results.
import * as Comlink from 'comlink';

import { hashFileInWorker, type WorkerFileResult } from './hashing/hash-file-pipeline';

export type { WorkerFileResult } from './hashing/hash-file-pipeline';

const api = {
  hashFile(file: Blob): Promise<WorkerFileResult> {
    return hashFileInWorker(file);
  },
};

export type HashWorkerApi = typeof api;

Comlink.expose(api);
