import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { buildBundle, bundleIsFresh, workerBundle } from './worker-bundle';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bundle-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the worker bundle', () => {
  it('bundles TypeScript into one module, fresh until one of its sources changes', async () => {
    const dir = project({
      'entry.ts': "import { twice } from './dep';\nexport const answer: number = twice(21);\n",
      'dep.ts': 'export const twice = (n: number): number => n * 2;\n',
    });
    const out = join(dir, 'cache', 'entry.mjs');
    expect(bundleIsFresh(out, dir)).toBe(false);
    expect(await buildBundle(join(dir, 'entry.ts'), out, dir)).toBe(true);
    expect(bundleIsFresh(out, dir)).toBe(true);
    const loaded = (await import(pathToFileURL(out).href)) as { answer: number };
    expect(loaded.answer).toBe(42);
    expect(readdirSync(join(dir, 'cache'))).toEqual(['entry.mjs']); // no temporary file left behind

    writeFileSync(join(dir, 'dep.ts'), 'export const twice = (n: number): number => n + n;\n');
    utimesSync(join(dir, 'dep.ts'), new Date(), new Date(Date.now() + 5000));
    expect(bundleIsFresh(out, dir)).toBe(false);
    expect(await buildBundle(join(dir, 'entry.ts'), out, dir)).toBe(true);
    expect(bundleIsFresh(out, dir)).toBe(true);

    rmSync(join(dir, 'dep.ts'));
    expect(bundleIsFresh(out, dir)).toBe(false);
  });

  it('reports a failed build as false and leaves nothing behind', async () => {
    const dir = project({ 'entry.ts': "import { missing } from './nowhere';\nexport default missing;\n" });
    const out = join(dir, 'cache', 'entry.mjs');
    expect(await buildBundle(join(dir, 'entry.ts'), out, dir)).toBe(false);
    expect(existsSync(join(dir, 'cache')) ? readdirSync(join(dir, 'cache')) : []).toEqual([]);
  });

  it('gives the hash worker as an up-to-date bundle', async () => {
    const url = await workerBundle();
    expect(url).toBeDefined();
    const file = fileURLToPath(url!);
    expect(file).toMatch(/node_modules[/\\]\.cache[/\\]waymark[/\\]hash-file\.worker\.mjs$/);
    expect(bundleIsFresh(file, fileURLToPath(new URL('../../../', import.meta.url)))).toBe(true);
  });
});
