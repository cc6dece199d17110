import * as Comlink from 'comlink';

import type { VicsCaseRead, VicsCaseReadWorkerApi } from '../../worker/vics-case-read.worker';

export type { VicsCaseRead };

/** Reads one VICS case file in a worker of its own, ended with the read. */
export async function runVicsCaseRead(file: Blob): Promise<VicsCaseRead> {
  const worker = new Worker(new URL('../../worker/vics-case-read.worker.ts', import.meta.url), {
    type: 'module',
    name: 'waymark-vics-case-read',
  });
  const api = Comlink.wrap<VicsCaseReadWorkerApi>(worker);
  try {
    return await api.readCase(file);
  } finally {
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}
