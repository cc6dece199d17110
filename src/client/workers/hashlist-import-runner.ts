import * as Comlink from 'comlink';

import type { HashListFormat } from '../../domain/hashlists/hash-list';
import type {
  HashListImportWorkerApi,
  ListImportResult,
  ListImportWorkerProgress,
} from '../../worker/hashlist-import.worker';

export type { ListImportResult, ListImportWorkerProgress };

/**
 * Reads one list file in a worker of its own, started for the import and ended with it (imports are
 * rare, and ending the worker is the only way to stop a parse midway). Aborting rejects with an
 * AbortError and terminates the worker.
 */
export async function runListImport(
  file: Blob,
  options: {
    format?: HashListFormat;
    onProgress?: (p: ListImportWorkerProgress) => void;
    signal?: AbortSignal;
  } = {},
): Promise<ListImportResult> {
  const worker = new Worker(new URL('../../worker/hashlist-import.worker.ts', import.meta.url), {
    type: 'module',
    name: 'waymark-list-import',
  });
  const api = Comlink.wrap<HashListImportWorkerApi>(worker);
  const aborted = new Promise<never>((_, reject) => {
    const abort = () => reject(new DOMException('The list import was cancelled.', 'AbortError'));
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });
  });
  try {
    const progress = options.onProgress ? Comlink.proxy(options.onProgress) : undefined;
    return await Promise.race([api.importList(file, options.format, progress), aborted]);
  } finally {
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}
