// npm run bench:group — grouping synthetic PDQ hashes with planted clusters, at 10k, 100k and 1M:
// time and memory of the slice join (the multi-index invariant, exact), speed-up over a linear scan
// (measured on a sample of queries and extrapolated: the full scan at 1M would take hours), whether
// every planted pair was found and every planted cluster kept whole with nothing else merged, and the
// whole `waymark group --hashes` path (parse JSONL + group + write JSON) at 1M in a child process.
// Run on one core for the figures the issue asks for: `taskset -c 0 npm run bench:group`.
// Then the keypoint stage (bench/group-keypoints.ts) at 10k, 50k and 100k images
// (`npm run bench:group -- 10000,100000,1000000 10000,50000,100000`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { groupHashBatch } from '../src/domain/grouping/hash-batch-grouping';
import { PDQ_WORDS, pdqWordsToHex } from '../src/domain/hashing/pdq-hex';
import { MultiIndexHashIndex } from '../src/domain/index/mih-index';
import { forEachPairWithinRadius } from '../src/domain/index/pair-join';
import { distanceUpTo } from '../src/domain/index/slices';
import { keypointRun } from './group-keypoints';

const THRESHOLD = 31;

function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

interface Synthetic {
  count: number;
  words: Uint32Array;
  /** cluster number per item, -1 for background */
  cluster: Int32Array;
  clusters: number;
  plantedPairs: [number, number][];
}

/** Random background plus clusters of 2-6 copies, each within 8-31 bits of its cluster's first hash. */
function synthesize(count: number, seed: number): Synthetic {
  const next = rng(seed);
  const words = new Uint32Array(count * PDQ_WORDS);
  for (let i = 0; i < words.length; i++) words[i] = next();
  const cluster = new Int32Array(count).fill(-1);
  const plantedPairs: [number, number][] = [];
  let clusters = 0;
  // About 5% of items in clusters, spread through the set.
  for (let c = 0; c + 6 < count; c += 100) {
    const size = 2 + (next() % 5);
    const centre = c + (next() % 50);
    cluster[centre] = clusters;
    for (let m = 1; m < size; m++) {
      const at = centre + m * 7;
      words.copyWithin(at * PDQ_WORDS, centre * PDQ_WORDS, (centre + 1) * PDQ_WORDS);
      const flips = new Set<number>();
      const bits = 8 + (next() % 24);
      while (flips.size < bits) flips.add(next() & 255);
      for (const b of flips)
        words[at * PDQ_WORDS + (b >> 5)] = (words[at * PDQ_WORDS + (b >> 5)]! ^ (1 << (b & 31))) >>> 0;
      cluster[at] = clusters;
      plantedPairs.push([centre, at]);
    }
    clusters++;
  }
  return { count, words, cluster, clusters, plantedPairs };
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

function run(count: number): void {
  const data = synthesize(count, count);
  if (global.gc) global.gc();
  const heapBefore = process.memoryUsage();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = groupHashBatch({ count, words: data.words }, { threshold: THRESHOLD });
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const mem = process.memoryUsage();

  // Every planted pair found (join alone, counted separately so a merge could not hide a miss).
  const found = new Set<number>();
  forEachPairWithinRadius(data.words, count, THRESHOLD, (a, b) => {
    if (data.cluster[a] !== -1 && data.cluster[a] === data.cluster[b]) found.add(a * 8 + (b - a) / 7);
  });
  const plantedFound = data.plantedPairs.filter(([c, m]) => found.has(c * 8 + (m - c) / 7)).length;

  // Clusters whole, nothing else merged.
  const labelOfCluster = new Map<number, number>();
  let whole = true;
  let foreign = 0;
  const labelUsers = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const c = data.cluster[i]!;
    const l = result.labels[i]!;
    if (c >= 0) {
      const seen = labelOfCluster.get(c);
      if (seen === undefined) labelOfCluster.set(c, l);
      else if (seen !== l) whole = false;
    }
    const key = c >= 0 ? c : -1 - i;
    const user = labelUsers.get(l);
    if (user === undefined) labelUsers.set(l, key);
    else if (user !== key) foreign++;
  }

  // Speed-up over the linear scan: time a sample of queries both ways, per query.
  const sample = Math.min(200, count);
  const index = new MultiIndexHashIndex<number>(count);
  for (let i = 0; i < count; i++) index.add(i, data.words.subarray(i * PDQ_WORDS, (i + 1) * PDQ_WORDS));
  const q0 = performance.now();
  let mihHits = 0;
  for (let s = 0; s < sample; s++)
    mihHits += index.queryWithinRadius(
      data.words.subarray(((s * 37) % count) * PDQ_WORDS, (((s * 37) % count) + 1) * PDQ_WORDS),
      THRESHOLD,
    ).length;
  const mihPerQuery = (performance.now() - q0) / sample;
  const l0 = performance.now();
  let linHits = 0;
  for (let s = 0; s < sample; s++) {
    const q = (s * 37) % count;
    for (let j = 0; j < count; j++)
      if (distanceUpTo(data.words, q * PDQ_WORDS, data.words, j * PDQ_WORDS, THRESHOLD) <= THRESHOLD)
        linHits++;
  }
  const linPerQuery = (performance.now() - l0) / sample;
  const linearAllPairs = (linPerQuery * count) / 2;

  console.log(
    [
      `${count.toLocaleString('en')} hashes, ${data.clusters} planted clusters (${data.plantedPairs.length} planted pairs)`,
      `  group (slice join + union-find): ${(ms / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU; ${result.edgesFound} pairs within ${THRESHOLD}, ${result.groupCount} groups`,
      `  memory: rss ${mb(mem.rss)}, heap used +${mb(mem.heapUsed - heapBefore.heapUsed)}, typed arrays ${mb(mem.arrayBuffers)}`,
      `  planted pairs found: ${plantedFound}/${data.plantedPairs.length}; clusters whole: ${whole ? 'yes' : 'NO'}; items merged into a foreign group: ${foreign}`,
      `  per query: MIH ${(mihPerQuery * 1000).toFixed(1)} µs vs linear ${(linPerQuery * 1000).toFixed(1)} µs (x${(linPerQuery / mihPerQuery).toFixed(0)}; same hits: ${mihHits === linHits ? 'yes' : 'NO'})`,
      `  all pairs: join ${(ms / 1000).toFixed(2)} s vs linear scan ~${(linearAllPairs / 1000).toFixed(0)} s (extrapolated): x${(linearAllPairs / ms).toFixed(0)}`,
    ].join('\n'),
  );
}

function cliRun(count: number): void {
  const data = synthesize(count, 99);
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-group-'));
  try {
    const file = join(dir, 'hashes.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < count; i++)
      lines.push(`{"id":"h${i}","pdq":"${pdqWordsToHex(data.words, i * PDQ_WORDS)}","quality":100}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const outFile = join(dir, 'groups.json');
    const t0 = performance.now();
    // bash's `time` gives the child's CPU seconds: on a shared machine wall time also counts waiting.
    const child = spawnSync(
      'bash',
      [
        '-c',
        'TIMEFORMAT=%U,%S; time "$0" --import tsx src/cli/main.ts group --json --hashes "$1" > "$2"',
        process.execPath,
        file,
        outFile,
      ],
      { encoding: 'utf8' },
    );
    const s = (performance.now() - t0) / 1000;
    const [user, sys] = (child.stderr.trim().split('\n').pop() ?? '0,0').split(',').map(Number);
    const cpuS = (user ?? 0) + (sys ?? 0);
    const out = readFileSync(outFile, 'utf8');
    const groups = (JSON.parse(out) as { groups: { id: string }[][] }).groups;
    const groupOf = new Map<string, number>();
    groups.forEach((g, n) => g.forEach((m) => groupOf.set(m.id, n)));
    let whole = true;
    const byCluster = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const c = data.cluster[i]!;
      if (c < 0) continue;
      const g = groupOf.get(`h${i}`)!;
      const seen = byCluster.get(c);
      if (seen === undefined) byCluster.set(c, g);
      else if (seen !== g) whole = false;
    }
    const expectedGroups = count - data.plantedPairs.length;
    console.log(
      `waymark group --json --hashes (${count.toLocaleString('en')} lines, ${(lines.join('\n').length / 2 ** 20).toFixed(0)} MB, one process incl. start-up, parse, group, write): ${s.toFixed(2)} s wall, ${cpuS.toFixed(2)} s CPU; ` +
        `every input in one group: ${groupOf.size === count ? 'yes' : 'NO'}; clusters whole: ${whole ? 'yes' : 'NO'}; groups ${groups.length} (expected ${expectedGroups})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sizes = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
for (const n of sizes) run(n);
cliRun(sizes[sizes.length - 1] ?? 1_000_000);
for (const n of (process.argv[3] ?? '10000,50000,100000').split(',').map(Number)) keypointRun(n);
