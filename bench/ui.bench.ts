// npm run bench:ui — the case workspace at scale, in Debian's Chromium (args from playwright.config.ts):
//   open:   a generated case of 100,000 media (synthetic records, tiny thumbnails, 5,000 series) is
//           opened by URL; time until the header says "100,000 images" and the grid shows thumbnails;
//   scroll: the grid is scrolled end to end, one viewport per animation frame, while a
//           PerformanceObserver records long tasks (every task over 50 ms is one);
//   ingest: the public corpus (294 files) through the Add images input, images/s, beside the hashing
//           pipeline alone (the Hash check screen, same pool) on the same files.
// Wall-clock figures; the machine is shared, so read them as orders of magnitude and ratios.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from '@playwright/test';
import { ulid } from 'ulidx';

import { CORPUS_DIR } from '../test/corpus';
import { launchChromium, startBenchServer, waitForServer } from './bench-support';

const PORT = Number(process.env.BENCH_PORT ?? 8205);
const DIST = process.env.WAYMARK_DIST ?? 'node_modules/.dist-workspace';
const MEDIA = Number(process.env.BENCH_MEDIA ?? 100_000);
const SERIES = Math.round(MEDIA / 20);
const BASE = `http://127.0.0.1:${PORT}`;
const IMAGES = join(CORPUS_DIR, 'images');
const corpus = readdirSync(IMAGES)
  .sort()
  .map((f) => join(IMAGES, f));

/** Writes a synthetic case straight into the app's IndexedDB (opened at its current version). */
async function generateCase(page: Page, caseId: string, mediaIds: string[], seriesIds: string[]) {
  await page.goto(`${BASE}/`);
  await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
  return page.evaluate(
    async ({ caseId, mediaIds, seriesIds }) => {
      const open = () =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('waymark');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(new Error(String(r.error)));
        });
      const db = await open();
      const done = (tx: IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(new Error(String(tx.error)));
        });
      // 16 tiny thumbnails (16×12 PNG, flat tones), shared round-robin.
      const thumbs: Blob[] = [];
      for (let i = 0; i < 16; i++) {
        const canvas = new OffscreenCanvas(16, 12);
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = `hsl(${i * 22} 40% 50%)`;
        ctx.fillRect(0, 0, 16, 12);
        thumbs.push(await canvas.convertToBlob({ type: 'image/png' }));
      }
      const at = new Date().toISOString();
      let tx = db.transaction(['cases', 'series'], 'readwrite');
      tx.objectStore('cases').put({
        id: caseId,
        name: 'Bench 100k',
        createdAt: at,
        updatedAt: at,
        categoryScheme: 'vic-us',
      });
      const perSeries = Math.floor((mediaIds.length * 0.9) / seriesIds.length);
      seriesIds.forEach((id, i) =>
        tx.objectStore('series').put({
          id,
          caseId,
          number: i + 1,
          name: '',
          size: perSeries,
          createdAt: at,
          updatedAt: at,
          version: 1,
        }),
      );
      await done(tx);
      const started = performance.now();
      const chunk = 5000;
      for (let start = 0; start < mediaIds.length; start += chunk) {
        tx = db.transaction(['media', 'thumbnails'], 'readwrite');
        const media = tx.objectStore('media');
        const thumbnails = tx.objectStore('thumbnails');
        for (let i = start; i < Math.min(mediaIds.length, start + chunk); i++) {
          const id = mediaIds[i]!;
          const series = Math.floor(i / perSeries);
          const dated = i % 7 !== 0;
          media.put({
            id,
            caseId,
            md5: '',
            sha1: '',
            sha256: i.toString(16).padStart(64, '0'),
            bytes: 1000,
            width: 16,
            height: 12,
            mimeType: 'image/png',
            format: 'png',
            pdq: '',
            pdqQuality: 0,
            pdqDihedral: [],
            firstPath: `bench/${i}.png`,
            sortAt: dated ? new Date(1.5e12 + i * 60_000).toISOString().slice(0, 19) : '~',
            camera: `Camera ${i % 12}`,
            hasGps: i % 3 === 0 ? 1 : 0,
            category: null,
            categorySlot: -1,
            seriesId: series < seriesIds.length ? seriesIds[series] : '',
            known: i % 50 === 0 ? 1 : 0,
            seq: i,
            createdAt: at,
            updatedAt: at,
            version: 1,
          });
          thumbnails.put({ id, blob: thumbs[i % 16], width: 16, height: 12 });
        }
        await done(tx);
      }
      db.close();
      return performance.now() - started;
    },
    { caseId, mediaIds, seriesIds },
  );
}

async function openAndScroll(page: Page, caseId: string) {
  const count = new Intl.NumberFormat('en').format(MEDIA);
  const t = Date.now();
  await page.goto(`${BASE}/cases/${caseId}`);
  await page
    .locator('.screen-header')
    .getByText(`${count} images`, { exact: true })
    .waitFor({ timeout: 60_000 });
  await page.getByRole('grid', { name: 'Images' }).locator('img').first().waitFor({ timeout: 60_000 });
  const openMs = Date.now() - t;

  const result = await page.evaluate(async () => {
    const grid = document.querySelector<HTMLElement>('[role="grid"]')!;
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const started = performance.now();
    let frames = 0;
    while (grid.scrollTop + grid.clientHeight < grid.scrollHeight - 1) {
      grid.scrollTop += grid.clientHeight;
      await frame();
      frames++;
    }
    // Let the last rows' thumbnails load and any trailing task be reported.
    await new Promise((r) => setTimeout(r, 500));
    observer.disconnect();
    const lastCell = grid.querySelector('[role="gridcell"]:last-of-type')?.getAttribute('aria-label') ?? '';
    return {
      longTasks,
      frames,
      ms: performance.now() - started,
      rows: grid.getAttribute('aria-rowcount'),
      lastCell,
    };
  });
  return { openMs, ...result };
}

async function ingestFigures(page: Page) {
  await page.goto(`${BASE}/`);
  await page.getByRole('button', { name: 'New case' }).first().click();
  await page.getByRole('dialog').getByLabel('Case name').fill('Bench ingest');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await page.getByText('0 images', { exact: true }).waitFor();
  let t = Date.now();
  await page.getByLabel('Add images').setInputFiles(corpus);
  await page
    .getByRole('status')
    .filter({ hasText: /^Done:/ })
    .waitFor({ timeout: 900_000 });
  const ingestMs = Date.now() - t;

  await page.goto(`${BASE}/tools/hash`);
  t = Date.now();
  await page.getByLabel('Files to hash').setInputFiles(corpus);
  await page
    .getByRole('main')
    .getByRole('status')
    .filter({ hasText: `Hashed ${corpus.length} of ${corpus.length} files` })
    .waitFor({ timeout: 900_000 });
  const hashMs = Date.now() - t;
  return { ingestRate: corpus.length / (ingestMs / 1000), hashRate: corpus.length / (hashMs / 1000) };
}

const server = startBenchServer({ port: PORT, dist: DIST, dataName: '.bench-ui-data' });
const browser = await launchChromium();
try {
  await waitForServer(`${BASE}/api/health`, 300_000);
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to page.evaluate need it too.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const caseId = ulid();
  const mediaIds = Array.from({ length: MEDIA }, () => ulid());
  const seriesIds = Array.from({ length: SERIES }, () => ulid());
  const writeMs = await generateCase(page, caseId, mediaIds, seriesIds);
  console.log(
    `generated ${MEDIA} media, ${SERIES} series, ${MEDIA} thumbnails in ${(writeMs / 1000).toFixed(1)} s (setup, not measured)`,
  );

  const first = await openAndScroll(page, caseId);
  const again = await openAndScroll(page, caseId);
  for (const [label, r] of [
    ['cold open', first],
    ['warm open', again],
  ] as const) {
    const over = r.longTasks.filter((d) => d > 50);
    console.log(
      `${label}: ${r.openMs} ms to "${MEDIA} images" + first thumbnails (goal <= 2000 ms); ` +
        `scroll end to end: ${r.frames} frames in ${(r.ms / 1000).toFixed(1)} s over ${r.rows} rows, ` +
        `long tasks > 50 ms: ${over.length}${over.length ? ` (max ${Math.max(...over).toFixed(0)} ms)` : ''} (goal 0); last cell: ${r.lastCell}`,
    );
  }

  if (process.env.BENCH_SKIP_INGEST !== '1') {
    const { ingestRate, hashRate } = await ingestFigures(page);
    console.log(`ingest of the public corpus (${corpus.length} files): ${ingestRate.toFixed(1)} images/s`);
    console.log(`hashing pipeline alone (Hash check screen):        ${hashRate.toFixed(1)} images/s`);
    console.log(
      `ingest / hashing: ${(ingestRate / hashRate).toFixed(2)} (storage, thumbnails, series and UI on top of hashing)`,
    );
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
