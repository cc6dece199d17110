import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';

/**
 * What a cached bundle was built from (the CLI's and the hash worker's): each source file, relative to
 * the repository, with its size and mtime. A bundle is trusted only while every one is unchanged; a
 * check stats the files (well under a millisecond for the CLI's hundred).
 */
type Stamp = Record<string, [number, number]>;

/** Whether every source recorded in a stamp (JSON text, see `stampOf`) still has its size and mtime. */
export function stampIsFresh(stampJson: string, root: string): boolean {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(stampJson) as Stamp;
  } catch {
    return false;
  }
  const entries = Object.entries(stamp);
  if (entries.length === 0) return false;
  for (const [path, [size, mtimeMs]] of entries) {
    try {
      const st = statSync(resolve(root, path));
      if (st.size !== size || st.mtimeMs !== mtimeMs) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** The stamp of a build: each of `inputs` (esbuild's metafile inputs, and the builder itself) with its size and mtime. */
export function stampOf(inputs: readonly string[], root: string): string {
  const stamp: Stamp = {};
  for (const input of inputs) {
    const path = resolve(root, input);
    const st = statSync(path);
    stamp[relative(root, path)] = [st.size, st.mtimeMs];
  }
  return JSON.stringify(stamp);
}
