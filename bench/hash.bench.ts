// npm run bench:hash — the hashing engine on the public corpus (../shared/corpus/images, 294 files),
// all in one run:
//   Node: decode ms/image (sharp, one thread), PDQ ms/megapixel (one core), crypto ms/MB
//         (MD5 + SHA-1 + SHA-256 together: node:crypto as the CLI uses, hash-wasm as the worker uses);
//   Grouping signals beyond PDQ: analysis ms/MP and verification ms/pair (grouping-signals-cost.ts);
//   CLI:  `waymark hash --json` over the folder, wall time, against `findimagedupes` over the same files;
//   Chromium: images/s for decode only (createImageBitmap + OffscreenCanvas + getImageData in the same
//         number of workers as the pool) against the full worker pipeline through the Hash check screen.
// Timings are wall clock unless marked CPU; the machine may be shared, so compare ratios more than times.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createMD5, createSHA1, createSHA256 } from 'hash-wasm';

import { decodeImageBytes } from '../src/cli/hashing/decode-node';
import { pdqFromImage } from '../src/domain/hashing/pdq';
import { CORPUS_DIR, REPO_ROOT } from '../test/corpus';
import { launchChromium, startBenchServer, waitForServer } from './bench-support';
import { groupingSignalFigures } from './grouping-signals-cost';
import { hashProblemEnglish } from '../src/cli/hashing/hash-problem-english';

const IMAGES = join(CORPUS_DIR, 'images');
const files = readdirSync(IMAGES)
  .sort()
  .map((f) => join(IMAGES, f));
const PORT = Number(process.env.BENCH_PORT ?? 8201);
const DIST = process.env.WAYMARK_DIST ?? 'node_modules/.dist-hashing';

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

async function nodeFigures() {
  let decodeMs = 0;
  let pdqWallMs = 0;
  let pdqCpuMs = 0;
  let megapixels = 0;
  let bytes = 0;
  const buffers: Uint8Array[] = [];
  // Warm the JIT and libvips on a few files first.
  for (const f of files.slice(0, 8)) {
    const d = await decodeImageBytes(readFileSync(f));
    if (d.ok) for (let i = 0; i < 5; i++) pdqFromImage(d.image);
  }
  for (const f of files) {
    const data = new Uint8Array(readFileSync(f));
    buffers.push(data);
    bytes += data.length;
    let t = performance.now();
    const decoded = await decodeImageBytes(data);
    decodeMs += performance.now() - t;
    if (!decoded.ok) throw new Error(`${f}: ${hashProblemEnglish(decoded)}`);
    const cpu = process.cpuUsage();
    t = performance.now();
    pdqFromImage(decoded.image);
    pdqWallMs += performance.now() - t;
    pdqCpuMs += cpuMs(cpu);
    megapixels += (decoded.image.width * decoded.image.height) / 1e6;
  }
  let t = performance.now();
  for (const b of buffers) {
    createHash('md5').update(b).digest();
    createHash('sha1').update(b).digest();
    createHash('sha256').update(b).digest();
  }
  const nodeCryptoMs = performance.now() - t;
  const [md5, sha1, sha256] = await Promise.all([createMD5(), createSHA1(), createSHA256()]);
  t = performance.now();
  for (const b of buffers)
    for (const h of [md5, sha1, sha256]) {
      h.init();
      h.update(b);
      h.digest();
    }
  const wasmCryptoMs = performance.now() - t;
  const mb = bytes / 1e6;
  console.log(`corpus: ${files.length} files, ${fmt(mb, 1)} MB, ${fmt(megapixels, 1)} MP decoded`);
  console.log(`node decode (sharp, 1 thread):   ${fmt(decodeMs / files.length)} ms/image`);
  console.log(
    `PDQ + quality + 8 dihedral (1 core): ${fmt(pdqWallMs / megapixels)} ms/MP wall, ${fmt(pdqCpuMs / megapixels)} ms/MP CPU  (goal <= 8)`,
  );
  console.log(
    `crypto MD5+SHA-1+SHA-256:        ${fmt(nodeCryptoMs / mb)} ms/MB node:crypto, ${fmt(wasmCryptoMs / mb)} ms/MB hash-wasm`,
  );
}

interface CommandRun {
  ms: number;
  cpuMs: number;
  lines: number;
  status: number | null;
}

const shellQuote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

/** Wall time, and CPU time (user + sys of the command and its children, from bash's `times`). */
function timeCommand(command: string, args: string[]): CommandRun {
  const script = `${[command, ...args].map(shellQuote).join(' ')} > /tmp/waymark-bench-out.$$; s=$?; wc -l < /tmp/waymark-bench-out.$$ 1>&2; rm -f /tmp/waymark-bench-out.$$; times 1>&2; exit $s`;
  const t = performance.now();
  const r = spawnSync('bash', ['-c', script], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  const err = r.stderr.trim().split('\n');
  // `times` prints the shell's own line, then the children's: "0m7.123s 0m0.456s".
  const children = err.at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  const lines = Number(err.at(-3) ?? 0);
  return { ms, cpuMs: (seconds[0] ?? 0) * 1000 + (seconds[1] ?? 0) * 1000, lines, status: r.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function cliFigures() {
  const ours = () => timeCommand(process.execPath, ['scripts/waymark.mjs', 'hash', '--json', IMAGES]);
  const haveTheirs = existsSync('/usr/bin/findimagedupes');
  const theirs = () => timeCommand('/usr/bin/findimagedupes', ['-q', IMAGES]);
  // One untimed run each first (file cache; our worker bundle is built on the first run after a change),
  // then three alternating timed runs, so both meet the same load; medians are reported.
  ours();
  if (haveTheirs) theirs();
  const runs: { ours: CommandRun[]; theirs: CommandRun[] } = { ours: [], theirs: [] };
  for (let i = 0; i < 3; i++) {
    runs.ours.push(ours());
    if (haveTheirs) runs.theirs.push(theirs());
  }
  const o = runs.ours;
  console.log(
    `waymark hash --json (2 worker processes): ${fmt(median(o.map((r) => r.ms)) / 1000)} s wall, ${fmt(median(o.map((r) => r.cpuMs)) / 1000)} s CPU, ${o[0]!.lines} files (exit ${o[0]!.status}); median of 3`,
  );
  if (!haveTheirs) {
    console.log('findimagedupes: not installed, skipped');
    return;
  }
  const t = runs.theirs;
  console.log(
    `findimagedupes -q (same files):         ${fmt(median(t.map((r) => r.ms)) / 1000)} s wall, ${fmt(median(t.map((r) => r.cpuMs)) / 1000)} s CPU (exit ${t[0]!.status}); median of 3`,
  );
  console.log(
    `waymark hash speed-up over findimagedupes: ${fmt(median(t.map((r) => r.ms)) / median(o.map((r) => r.ms)))}x wall, ${fmt(median(t.map((r) => r.cpuMs)) / median(o.map((r) => r.cpuMs)))}x CPU`,
  );
}

/** Decode only, in as many workers as the pool uses: the ceiling the pipeline is measured against. */
const DECODE_ONLY_WORKER = `
self.onmessage = async (e) => {
  for (const file of e.data) {
    const bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    bitmap.close();
  }
  self.postMessage('done');
};`;

async function chromiumFigures() {
  const server = startBenchServer({ port: PORT, dist: DIST, dataName: '.bench-hash-data' });
  const browser = await launchChromium();
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/api/health`, 300_000);
    const page = await browser.newPage();
    // tsx compiles this file with esbuild's keepNames, which wraps named functions in __name(); the
    // functions sent to page.evaluate need that helper in the page too.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(`http://127.0.0.1:${PORT}/tools/hash`);
    const workers = await page.evaluate(() => Math.max(1, (navigator.hardwareConcurrency || 2) - 1));

    // Decode only: a bare input outside the app, the same files, split over `workers` workers.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.id = 'bench-decode';
      input.setAttribute('aria-label', 'bench decode files');
      document.body.append(input);
    });
    await page.getByLabel('bench decode files').setInputFiles(files);
    const decodeMs = await page.evaluate(
      async ({ code, workers }) => {
        const input = document.getElementById('bench-decode') as HTMLInputElement;
        const all = Array.from(input.files ?? []);
        const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
        const t = performance.now();
        await Promise.all(
          Array.from({ length: workers }, (_, w) => {
            const worker = new Worker(url);
            return new Promise<void>((resolve) => {
              worker.onmessage = () => {
                worker.terminate();
                resolve();
              };
              worker.postMessage(all.filter((_f, i) => i % workers === w));
            });
          }),
        );
        return performance.now() - t;
      },
      { code: DECODE_ONLY_WORKER, workers },
    );

    // The worker pipeline alone: the app's built hash worker, the same files and number of workers,
    // called with Comlink's wire format (APPLY hashFile), no UI.
    const workerAsset = readdirSync(join(REPO_ROOT, DIST, 'assets')).find((f) =>
      /^hash\.worker-.*\.js$/.test(f),
    );
    if (!workerAsset) throw new Error(`no hash worker in ${DIST}/assets`);
    const pipelineMs = await page.evaluate(
      async ({ url, workers }) => {
        const input = document.getElementById('bench-decode') as HTMLInputElement;
        const all = Array.from(input.files ?? []);
        const t = performance.now();
        let failures = 0;
        await Promise.all(
          Array.from({ length: workers }, async (_, w) => {
            const worker = new Worker(url, { type: 'module' });
            const mine = all.filter((_f, i) => i % workers === w);
            let next = 0;
            await new Promise<void>((resolve) => {
              const send = () => {
                const id = String(next);
                worker.postMessage({
                  id,
                  type: 'APPLY',
                  path: ['hashFile'],
                  argumentList: [{ type: 'RAW', value: mine[next++] }],
                });
              };
              worker.onmessage = (e: MessageEvent<{ value?: { ok?: boolean } }>) => {
                if (!e.data.value?.ok) failures++;
                if (next < mine.length) send();
                else resolve();
              };
              send();
            });
            worker.terminate();
          }),
        );
        if (failures) throw new Error(`${failures} files failed in the worker pipeline`);
        return performance.now() - t;
      },
      { url: `/assets/${workerAsset}`, workers },
    );

    // End to end through the Hash check screen and its pool (includes rendering the table).
    await page.goto(`http://127.0.0.1:${PORT}/tools/hash`);
    const t = performance.now();
    await page.getByLabel('Files to hash').setInputFiles(files);
    await page
      .getByRole('main')
      .getByRole('status')
      .filter({ hasText: `Hashed ${files.length} of ${files.length} files` })
      .waitFor({ timeout: 600_000 });
    const screenMs = performance.now() - t;
    const decodeRate = files.length / (decodeMs / 1000);
    const pipelineRate = files.length / (pipelineMs / 1000);
    const screenRate = files.length / (screenMs / 1000);
    console.log(`chromium workers: ${workers}`);
    console.log(`chromium decode only (createImageBitmap + getImageData): ${fmt(decodeRate, 1)} images/s`);
    console.log(
      `chromium worker pipeline (read + MD5/SHA-1/SHA-256 + decode + PDQ + dihedral + thumbnail): ${fmt(pipelineRate, 1)} images/s`,
    );
    console.log(`pipeline / decode-only: ${fmt(pipelineRate / decodeRate)}  (goal >= 0.6)`);
    console.log(`Hash check screen end to end (pool + table rendering): ${fmt(screenRate, 1)} images/s`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

const only = process.argv[2];
if (!only || only === 'node') await nodeFigures();
if (!only || only === 'signals') await groupingSignalFigures();
if (!only || only === 'cli') cliFigures();
if (!only || only === 'chromium') await chromiumFigures();
