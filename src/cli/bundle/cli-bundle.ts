/**
 * The `waymark` command as a cached bundle, so that it starts in about 50 ms instead of the ~150 ms that
 * registering tsx and resolving its TypeScript costs on every run (`waymark hash` spends that before
 * its first image; scripts/waymark.mjs is the launcher).
 *
 * Built with esbuild, like the hash worker's bundle (see ../hashing/worker-bundle.ts), into
 * node_modules/.cache/waymark/cli/, split at the CLI's lazy imports so a command loads only its own
 * code; packages stay external and resolve from node_modules as usual. `stamp.json` records every
 * source's size and mtime, and the bundle's entry checks it before running anything.
 *
 * Each source keeps its own `import.meta.url` (replaced by its source file's URL at build time), so
 * paths computed from it (package.json, the worker sources, the dist folder) mean the same in the
 * bundle as under tsx.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { stampIsFresh, stampOf } from './source-stamp';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./bundled-main.ts', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
export const CLI_BUNDLE_DIR = join(ROOT, 'node_modules', '.cache', 'waymark', 'cli');
const STAMP = 'stamp.json';

/** Whether the bundle in `dir` (default: the CLI's) was built from the sources as they are now. */
export function cliBundleIsFresh(dir = CLI_BUNDLE_DIR, root = ROOT): boolean {
  try {
    return stampIsFresh(readFileSync(join(dir, STAMP), 'utf8'), root);
  } catch {
    return false;
  }
}

/** Builds the bundle of `entry` into `dir` (replacing what is there); false when that failed. */
export async function buildCliBundle(dir = CLI_BUNDLE_DIR, entry = ENTRY, root = ROOT): Promise<boolean> {
  const temporary = `${dir}.${process.pid}.${Date.now()}.tmp`;
  try {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: { 'bundled-main': entry },
      absWorkingDir: root,
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outdir: temporary,
      outExtension: { '.js': '.mjs' },
      metafile: true,
      logLevel: 'silent',
      plugins: [
        {
          name: 'source-import-meta-url',
          setup(build) {
            build.onLoad({ filter: /\.ts$/ }, async (args) => ({
              contents: (await readFile(args.path, 'utf8')).replaceAll(
                'import.meta.url',
                JSON.stringify(pathToFileURL(args.path).href),
              ),
              loader: 'ts',
            }));
          },
        },
      ],
    });
    await writeFile(join(temporary, STAMP), stampOf([...Object.keys(result.metafile.inputs), SELF], root));
    await mkdir(join(dir, '..'), { recursive: true });
    await rm(dir, { recursive: true, force: true });
    await rename(temporary, dir);
    return true;
  } catch {
    await rm(temporary, { recursive: true, force: true });
    return false;
  }
}
