// Drives the app's built hash worker on videos from a page of the app (a secure context, as WebCodecs
// needs), through Comlink's wire format (APPLY hashVideo): no screen involved. Shared by the Chromium
// golden test and bench:video.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { Page } from '@playwright/test';

import type { WorkerVideoOptions, WorkerVideoResult } from '../../src/worker/hash.worker';
import { REPO_ROOT } from '../../test/corpus';

/** The built worker's URL path (the build the server under test serves). */
export function hashWorkerAsset(dist = process.env.WAYMARK_DIST ?? 'dist'): string {
  const assets = resolve(REPO_ROOT, dist, 'assets');
  const name = readdirSync(assets).find((f) => /^hash\.worker-.*\.js$/.test(f));
  if (!name) throw new Error(`no hash worker in ${join(dist, 'assets')}`);
  return `/assets/${name}`;
}

/** What comes back to Node: the result without the thumbnails' bytes (their count and sizes only). */
export type VideoRow =
  | (Exclude<WorkerVideoResult, { ok: false }> & {
      name: string;
      thumbnails: never[];
      thumbnailSizes: number[];
    })
  | (Extract<WorkerVideoResult, { ok: false }> & { name: string })
  | { name: string; notVideo: true };

/** Hashes the files one after another in one worker; `ms` is the wall time of the hashing alone. */
export async function hashVideosInWorker(
  page: Page,
  files: string[],
  options: WorkerVideoOptions = {},
  dist?: string,
): Promise<{ rows: VideoRow[]; ms: number }> {
  await page.evaluate(() => {
    document.getElementById('video-worker-files')?.remove();
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.id = 'video-worker-files';
    input.setAttribute('aria-label', 'video worker files');
    document.body.append(input);
  });
  await page.getByLabel('video worker files').setInputFiles(files);
  return page.evaluate(
    async ({ url, options }) => {
      const input = document.getElementById('video-worker-files') as HTMLInputElement;
      const all = Array.from(input.files ?? []);
      const worker = new Worker(url, { type: 'module' });
      let id = 0;
      const call = (path: string, args: unknown[]) =>
        new Promise<unknown>((resolve, reject) => {
          const mine = String(id++);
          const listen = (e: MessageEvent<{ id: string; type: string; value: unknown }>) => {
            if (e.data.id !== mine) return;
            worker.removeEventListener('message', listen);
            if (e.data.type === 'HANDLER') reject(new Error(JSON.stringify(e.data.value)));
            else resolve(e.data.value);
          };
          worker.addEventListener('message', listen);
          worker.postMessage({
            id: mine,
            type: 'APPLY',
            path: [path],
            argumentList: args.map((value) => ({ type: 'RAW', value })),
          });
        });
      const rows: unknown[] = [];
      const t = performance.now();
      for (const file of all) {
        const result = (await call('hashVideo', [file, options])) as {
          ok: boolean;
          thumbnails?: { blob: Blob }[];
        } | null;
        if (!result) rows.push({ name: file.name, notVideo: true });
        else
          rows.push({
            ...result,
            name: file.name,
            ...(result.thumbnails
              ? { thumbnails: [], thumbnailSizes: result.thumbnails.map((x) => x.blob.size) }
              : {}),
          });
      }
      const ms = performance.now() - t;
      worker.terminate();
      return { rows: rows as never[], ms };
    },
    { url: hashWorkerAsset(dist), options },
  );
}
