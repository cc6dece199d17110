import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every file under the given paths (files as given, folders recursively), whatever the extension,
 * in a stable order: the arguments in order, each folder's entries sorted by name (code-point order).
 * A path that cannot be listed or stat'ed (missing, no permission) is yielded as is: hashing it then
 * reports a per-file `unreadable` error line, so the run goes on and the user sees which path failed.
 * Symbolic links to folders are not followed (no cycles); links to files are hashed.
 */
export async function* walkFiles(paths: readonly string[]): AsyncGenerator<string> {
  for (const path of paths) yield* walkOne(path);
}

async function* walkOne(path: string): AsyncGenerator<string> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    yield path;
    return;
  }
  if (!isDirectory) {
    yield path;
    return;
  }
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch {
    yield path;
    return;
  }
  const names = entries
    .map((e) => ({ name: e.name, dir: e.isDirectory() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    const child = join(path, entry.name);
    if (entry.dir) yield* walkOne(child);
    else yield child;
  }
}
