/**
 * The hash worker as one plain JavaScript file, so that a worker thread starts without tsx: registering
 * tsx inside a worker costs about 0.6 s of CPU per worker (its own loader thread, then every module
 * compiled and resolved through it), more than hashing forty images.
 *
 * Built with esbuild (tsx's own compiler, so already installed) into node_modules/.cache/waymark/ on
 * first use, and again whenever one of its sources changed: the bundle's first line records each source
 * file's size and mtime (this file's too), and a run stats them (about 20 files, well under a
 * millisecond) before trusting it. The file is written under a temporary name and renamed, so parallel runs never load half a bundle.
 * sharp stays outside the bundle (a native module) and resolves from node_modules as usual.
 *
 * `workerBundle()` answers undefined when the bundle cannot be had (esbuild missing, node_modules not
 * writable): the caller then loads the TypeScript through tsx, slower but the same code.
 */
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { stampIsFresh, stampOf } from '../bundle/source-stamp';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./hash-file.worker.ts', import.meta.url));
const OUT_FILE = join(ROOT, 'node_modules', '.cache', 'waymark', 'hash-file.worker.mjs');
const SELF = fileURLToPath(import.meta.url);
const STAMP_PREFIX = '// waymark-bundle ';

let pending: Promise<URL | undefined> | undefined;

/** The URL of an up-to-date hash worker bundle, built if needed; undefined if it cannot be built. */
export function workerBundle(): Promise<URL | undefined> {
  pending ??= bundleIsFresh(OUT_FILE, ROOT)
    ? Promise.resolve(pathToFileURL(OUT_FILE))
    : buildBundle(ENTRY, OUT_FILE, ROOT).then((built) => (built ? pathToFileURL(OUT_FILE) : undefined));
  return pending;
}

/** Whether `outFile` exists and every source recorded in its stamp (paths relative to `root`) is unchanged. */
export function bundleIsFresh(outFile: string, root: string): boolean {
  let firstLine: string;
  try {
    const text = readFileSync(outFile, 'utf8');
    firstLine = text.slice(0, text.indexOf('\n'));
  } catch {
    return false;
  }
  return firstLine.startsWith(STAMP_PREFIX) && stampIsFresh(firstLine.slice(STAMP_PREFIX.length), root);
}

/** Bundles `entry` (sharp left external) into `outFile`, stamped with its sources; false if that failed. */
export async function buildBundle(entry: string, outFile: string, root: string): Promise<boolean> {
  const temporary = `${outFile}.${process.pid}.${Date.now()}.tmp`;
  try {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['sharp'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text;
    if (code === undefined) return false;
    // This file too: a change to how the bundle is built rebuilds it.
    const stamp = stampOf([...Object.keys(result.metafile.inputs), SELF], root);
    await mkdir(dirname(outFile), { recursive: true });
    await writeFile(temporary, `${STAMP_PREFIX}${stamp}\n${code}`);
    await rename(temporary, outFile);
    return true;
  } catch {
    await rm(temporary, { force: true });
    return false;
  }
}
