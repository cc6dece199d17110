// npm run bench:video — vPDQ hashing, all figures measured in one run:
//   golden: the CLI every frame against the vPDQ reference (reference-hashes/): share of frames of quality
//           >= 50 within 8 bits, and share bit-exact (goal >= 90 %);
//   CLI:    `waymark hash --seconds-per-hash 1` against `ffmpeg -f null` decoding the same files
//           (goal >= 0.8 x its throughput); frames/s and x real time for a 720p H.264 file;
//   Chromium: the app's hash worker at 1 frame/s against WebCodecs decode alone (mediabunny demuxing,
//           every frame decoded and closed) on the same files (goal >= 0.7); frames/s and x real time
//           for the 720p file; a 2 GB video hashed with its memory sampled (peak and growth).
// The 720p and 2 GB files are made here with ffmpeg from the corpus into a cache folder outside git
// (WAYMARK_BENCH_CACHE, default ~/.cache/waymark-bench), once. The machine may be shared: the load
// average is printed with each part; compare ratios more than times.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';

import { hashVideosInWorker } from '../e2e/support/video-worker';
import { hashFile } from '../src/cli/hashing/hash-file';
import { hammingDistanceHex } from '../src/domain/hashing/hamming';
import { parseVpdqHashFile } from '../src/domain/hashlists/vpdq-hash-file';
import { isVideoSignature } from '../src/domain/video/video-signature';
import { CORPUS_DIR, REPO_ROOT } from '../test/corpus';
import { launchChromium, startBenchServer, waitForServer } from './bench-support';

const VIDEO = join(CORPUS_DIR, 'video');
const CACHE = process.env.WAYMARK_BENCH_CACHE ?? join(homedir(), '.cache', 'waymark-bench');
const PORT = Number(process.env.BENCH_PORT ?? 8207);
const DIST = process.env.WAYMARK_DIST ?? 'node_modules/.dist-video-bench';
const TWO_GB = 2 * 1024 ** 3;

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
const reference = readdirSync(join(VIDEO, 'reference'))
  .sort()
  .map((f) => join(VIDEO, 'reference', f));
const synthetic = readdirSync(join(VIDEO, 'synthetic'))
  .sort()
  .map((f) => join(VIDEO, 'synthetic', f));

function ffmpeg(args: string[]): void {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed`);
}

/** 720p30 H.264, ~67 s: the chair video (portrait) pillarboxed to 16:9, three times over. */
function make720p(): string {
  const out = join(CACHE, 'chair-720p-h264.mp4');
  if (existsSync(out)) return out;
  mkdirSync(CACHE, { recursive: true });
  ffmpeg([
    '-stream_loop',
    '2',
    '-i',
    join(VIDEO, 'reference', 'chair-orig-22-sd-bar.mp4'),
    '-vf',
    'scale=-2:720,pad=1280:720:(ow-iw)/2:0,setsar=1',
    '-an',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '20',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    out,
  ]);
  return out;
}

/**
 * Just over 2 GB of 720p H.264: a near-lossless, high-bitrate encode of the pattern video (so 2 GB is
 * minutes, not hours, of frames), stream-copied end to end until the size is reached.
 */
function make2GB(): string {
  const out = join(CACHE, 'pattern-720p-2gb.mp4');
  if (existsSync(out) && statSync(out).size >= TWO_GB) return out;
  mkdirSync(CACHE, { recursive: true });
  const piece = join(CACHE, 'pattern-720p-qp6.mp4');
  if (!existsSync(piece))
    ffmpeg([
      '-i',
      join(VIDEO, 'reference', 'pattern-hd-no-bar.mp4'),
      '-vf',
      'scale=1280:720,setsar=1',
      '-an',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-qp',
      '6',
      piece,
    ]);
  const copies = Math.ceil(TWO_GB / statSync(piece).size) + 1;
  const list = join(CACHE, 'concat.txt');
  writeFileSync(list, Array.from({ length: copies }, () => `file '${piece}'\n`).join(''));
  ffmpeg(['-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-movflags', '+faststart', out]);
  return out;
}

async function goldenFigures() {
  let usable = 0;
  let within8 = 0;
  let exact = 0;
  let frames = 0;
  const t = performance.now();
  for (const file of reference) {
    const name = file
      .split('/')
      .pop()!
      .replace(/\.mp4$/, '.txt');
    const ref = parseVpdqHashFile(readFileSync(join(VIDEO, 'reference-hashes', name), 'utf8'));
    if (!ref.ok) throw new Error(JSON.stringify(ref.fatal));
    const byFrame = new Map(ref.features.map((f) => [f.frame, f]));
    const s = await hashFile(file, { secondsPerHash: 0 });
    if (!isVideoSignature(s)) throw new Error(`${file} did not hash as a video`);
    for (const f of s.vpdq) {
      const r = byFrame.get(f.frame);
      if (!r) continue;
      const d = hammingDistanceHex(f.pdq, r.pdq);
      frames++;
      if (d === 0) exact++;
      if (r.quality >= 50) {
        usable++;
        if (d <= 8) within8++;
      }
    }
  }
  console.log(`\n[golden] CLI, every frame, ${reference.length} reference videos (${load()})`);
  console.log(
    `frames of quality >= 50 within 8 bits: ${within8}/${usable} (${fmt((100 * within8) / usable, 1)} %)`,
  );
  console.log(`bit-exact: ${exact}/${frames} (${fmt((100 * exact) / frames, 1)} %)  (goal >= 90 %)`);
  console.log(`(${fmt((performance.now() - t) / 1000, 1)} s in one process)`);
}

/** CPU seconds of this process's waited-for descendants (children, their children, …), from /proc. */
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks
}

interface Run {
  readonly ms: number;
  readonly cpu: number;
}

function run(command: string, args: string[]): Run {
  const cpu = childrenCpuSeconds();
  const t = performance.now();
  const r = spawnSync(command, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`${command} failed`);
  return { ms: performance.now() - t, cpu: childrenCpuSeconds() - cpu };
}

const sum = (runs: Run[]): Run =>
  runs.reduce((a, b) => ({ ms: a.ms + b.ms, cpu: a.cpu + b.cpu }), { ms: 0, cpu: 0 });
const best = (...runs: Run[]): Run => runs.reduce((a, b) => (b.ms < a.ms ? b : a));

function probeFrames(file: string): { frames: number; seconds: number } {
  const r = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-count_packets',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=nb_read_packets:format=duration',
      '-of',
      'json',
      file,
    ],
    { encoding: 'utf8' },
  );
  const json = JSON.parse(r.stdout) as {
    streams: { nb_read_packets: string }[];
    format: { duration: string };
  };
  return { frames: Number(json.streams[0]!.nb_read_packets), seconds: Number(json.format.duration) };
}

function cliFigures(hd: string) {
  const files = [...reference, ...synthetic, hd];
  console.log(
    `\n[cli] ${files.length} files (the reference and synthetic videos and the 720p file) (${load()})`,
  );
  const decodeAll = () =>
    sum(files.map((f) => run('ffmpeg', ['-v', 'error', '-i', f, '-map', '0:v:0', '-f', 'null', '-'])));
  const hashAll = () =>
    run(process.execPath, ['scripts/waymark.mjs', 'hash', '--json', '--seconds-per-hash', '1', ...files]);
  hashAll(); // warm: builds the CLI bundles once
  const ffmpegRun = best(decodeAll(), decodeAll());
  const cliRun = best(hashAll(), hashAll());
  console.log(
    `ffmpeg -f null (decode only, one file after another): ${fmt(ffmpegRun.ms / 1000)} s wall, ${fmt(ffmpegRun.cpu)} s CPU`,
  );
  console.log(
    `waymark hash --seconds-per-hash 1 (decode + vPDQ + MD5/SHA-1/SHA-256): ${fmt(cliRun.ms / 1000)} s wall, ${fmt(cliRun.cpu)} s CPU`,
  );
  console.log(
    `throughput ratio CLI / ffmpeg -f null: ${fmt(ffmpegRun.ms / cliRun.ms)} by wall time (goal >= 0.8), ${fmt(ffmpegRun.cpu / cliRun.cpu)} by CPU time`,
  );
  const { frames, seconds } = probeFrames(hd);
  const one = best(
    ...[0, 1].map(() => run(process.execPath, ['scripts/waymark.mjs', 'hash', '--json', '--jobs', '1', hd])),
  );
  console.log(
    `720p H.264 (${frames} frames, ${fmt(seconds, 1)} s): ${fmt(frames / (one.ms / 1000), 0)} frames/s decoded, ${fmt(seconds / (one.ms / 1000), 1)} x real time (CLI, 1 s per hash, one file; ${fmt(one.cpu)} s CPU)`,
  );
}

/** Resident memory (MB) of every process descending from this one (the browser and its helpers). */
function descendantsRssMb(): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      rss.set(Number(name), (Number(fields[21]) * 4096) / 1024 ** 2);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const [pid, mb] of rss) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p))
      if (p === process.pid) {
        total += mb;
        break;
      }
  }
  return total;
}

async function chromiumFigures(hd: string, big: string | null) {
  const server = startBenchServer({ port: PORT, dist: DIST, dataName: '.bench-video-data' });
  const browser = await launchChromium();
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/api/health`, 300_000);
    const page = await browser.newPage();
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(`http://127.0.0.1:${PORT}/`);
    const files = [...reference, ...synthetic, hd];
    console.log(`\n[chromium] one hash worker, ${files.length} files (${load()})`);
    await hashVideosInWorker(page, [reference[0]!], { secondsPerHash: 1 }, DIST); // warm: loads the worker chunks
    const decode = await hashVideosInWorker(page, files, { decodeOnly: true }, DIST);
    const pipeline = await hashVideosInWorker(page, files, { secondsPerHash: 1 }, DIST);
    const frames = (rows: typeof decode.rows) =>
      rows.reduce((n, r) => n + ('framesDecoded' in r ? r.framesDecoded : 0), 0);
    const decodeFps = frames(decode.rows) / (decode.ms / 1000);
    const pipeFps = frames(pipeline.rows) / (pipeline.ms / 1000);
    console.log(
      `WebCodecs decode only (mediabunny demux, every frame decoded and closed): ${fmt(decodeFps, 0)} frames/s`,
    );
    console.log(
      `worker pipeline, 1 frame/s (decode + vPDQ + key frames + thumbnails + MD5/SHA-1/SHA-256): ${fmt(pipeFps, 0)} frames/s`,
    );
    console.log(`pipeline / decode-only: ${fmt(pipeFps / decodeFps)}  (goal >= 0.7)`);
    const one = await hashVideosInWorker(page, [hd], { secondsPerHash: 1 }, DIST);
    const row = one.rows[0]!;
    if (!('framesDecoded' in row)) throw new Error('the 720p file did not hash');
    console.log(
      `720p H.264 in the worker: ${fmt(row.framesDecoded / (one.ms / 1000), 0)} frames/s, ${fmt(row.durationMs / one.ms, 1)} x real time`,
    );

    if (big) {
      const size = statSync(big).size;
      const samples: number[] = [];
      const baseline = descendantsRssMb();
      const timer = setInterval(() => samples.push(descendantsRssMb()), 250);
      const t = performance.now();
      const result = await hashVideosInWorker(page, [big], { secondsPerHash: 1 }, DIST);
      clearInterval(timer);
      const r = result.rows[0]!;
      if (!('framesDecoded' in r)) throw new Error(`the 2 GB file did not hash: ${JSON.stringify(r)}`);
      const peak = Math.max(...samples);
      const quarter = Math.floor(samples.length / 4);
      const early = Math.max(...samples.slice(0, Math.max(1, quarter)));
      const late = Math.max(...samples.slice(-Math.max(1, quarter)));
      console.log(
        `\n[chromium] ${fmt(size / 1024 ** 3, 2)} GB video (${r.framesDecoded} frames, ${fmt(r.durationMs / 1000, 0)} s) in ${fmt((performance.now() - t) / 1000, 1)} s (${load()})`,
      );
      console.log(
        `browser memory (all its processes, RSS): before ${fmt(baseline, 0)} MB, peak ${fmt(peak, 0)} MB (+${fmt(peak - baseline, 0)} MB), first quarter peak ${fmt(early, 0)} MB, last quarter peak ${fmt(late, 0)} MB`,
      );
      console.log(
        `flat: the last quarter's peak is ${fmt(late - early, 0)} MB above the first quarter's (the file is ${fmt(size / 1024 ** 2, 0)} MB)`,
      );
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

const only = process.argv[2];
const hd = make720p();
if (!only || only === 'golden') await goldenFigures();
if (!only || only === 'cli') cliFigures(hd);
if (!only || only === 'chromium' || only === 'memory')
  await chromiumFigures(hd, only === 'chromium' ? null : make2GB());
