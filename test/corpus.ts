// Where the shared, benign test corpus lives: `../shared` beside the project root (CI lays it there too).
// Tests read it by path; nothing from it is ever copied into the repository.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SHARED_DIR = resolve(REPO_ROOT, process.env.WAYMARK_SHARED_DIR ?? '../shared');
export const CORPUS_DIR = resolve(SHARED_DIR, 'corpus');
export const PDQ_REFERENCE_DIR = resolve(CORPUS_DIR, 'pdq-reference');

/** Resolves a path inside the corpus and fails loudly when the corpus is missing (a test never passes empty). */
export function corpusPath(...parts: string[]): string {
  const path = resolve(CORPUS_DIR, ...parts);
  if (!existsSync(path))
    throw new Error(`test corpus file missing: ${path} (expected ../shared/corpus beside the project root)`);
  return path;
}
