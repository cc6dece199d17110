import * as Comlink from 'comlink';

import type { TextListFormat } from '../../domain/hashlists/list-format';
import type {
  HashListImportWorkerApi,
  ListFilesResult,
  ListImportWorkerProgress,
  NamedBlob,
} from '../../worker/hashlist-import.worker';

export type { ListFilesResult, ListImportWorkerProgress, NamedBlob };

/**
 * Reads one list (a file, or several files of one vPDQ list) in a worker of its own, started for the
 * import and ended with it (imports are rare, and ending the worker is the only way to stop a parse
 * midway). Aborting rejects with an AbortError and terminates the worker.
 */
export async function runListImport(
  files: readonly NamedBlob[],
  options: {
    format?: TextListFormat;
    onProgress?: (p: ListImportWorkerProgress) => void;
    signal?: AbortSignal;
  } = {},
): Promise<ListFilesResult> {
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
    const [only] = files;
    const run =
      files.length === 1 && only
        ? api.importList(only.blob, only.name, options.format, progress)
        : api.importVpdqFiles(files, progress);
    return await Promise.race([run, aborted]);
  } finally {
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}
