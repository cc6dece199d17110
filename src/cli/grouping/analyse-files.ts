import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import { hashRefusal } from '../../domain/hashing/hash-problem';
import { hashFailure } from '../../domain/hashing/signature';
import { analyseFile, type AnalysedFile } from './analyse-file';

/**
 * Analyses files on worker threads (default one per core), results in input order. Node 20 does not
 * pass `--import tsx` to worker threads, so each worker registers tsx before loading its module.
 */
export async function analyseFiles(
  paths: readonly string[],
  options: { concurrency?: number } = {},
): Promise<AnalysedFile[]> {
  const concurrency = Math.max(1, Math.min(paths.length, options.concurrency ?? availableParallelism()));
  if (concurrency <= 1) {
    const out: AnalysedFile[] = [];
    for (const path of paths) out.push(await analyseFile(path));
    return out;
  }
  const results: AnalysedFile[] = new Array<AnalysedFile>(paths.length);
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolve) => {
      const worker = new Worker(BOOTSTRAP, { eval: true, execArgv: [] });
      let current = -1;
      const feed = () => {
        if (next >= paths.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        worker.postMessage({ id: current, path: paths[current] });
      };
      worker.on('message', (done: { id: number; result: AnalysedFile }) => {
        results[done.id] = done.result;
        feed();
      });
      // A crash answers its file with an error; the file is not retried, the others carry on.
      worker.on('error', (error) => {
        if (current >= 0 && !results[current])
          results[current] = {
            signature: hashFailure(0, hashRefusal({ code: 'unexpected' }, error.message)),
          };
        void runWorker().then(resolve);
      });
      feed();
    });
  await Promise.all(Array.from({ length: concurrency }, runWorker));
  return results;
}

const WORKER_URL = new URL('./analyse-file.worker.ts', import.meta.url).href;
const BOOTSTRAP = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(WORKER_URL)});`;
