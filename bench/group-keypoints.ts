// The keypoint stage of grouping at scale, for `npm run bench:group` (run from group.bench.ts):
// synthetic images with local features, fed to the incremental series grouper in batches as the app
// does, with the real geometric check. Planted families: an original's keypoints seen through a random
// crop and zoom (positions moved by the same similarity, 8-24 descriptor bits flipped, a third of the
// keypoints lost and replaced); everything else is unrelated. Every image also has mirror descriptors
// (random: no planted mirror), so the index is asked both ways as the app asks it. Features are made again from a seed when
// the check needs them (the app reads them from IndexedDB), so 100k images need no gigabytes.
import { FeatureIndex } from '../src/domain/features/feature-index';
import { createSeriesGrouper } from '../src/domain/grouping';
import type { LocalFeatures } from '../src/domain/features/local-features';
import { verifyPair, type CheckWays } from '../src/domain/features/verify-pair';
import { PDQ_WORDS, pdqWordsToHex } from '../src/domain/hashing/pdq-hex';

const KEYPOINTS = 300;

/**
 * A random stream per seed: a hash of (seed, counter), not a shared cycle (streams of a cyclic
 * generator from nearby seeds overlap, and 100k images x 3,000 draws would give unrelated images
 * identical keypoints by accident).
 */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
function xorshift(seed: number): () => number {
  const s = fmix((seed >>> 0) ^ 0x9e3779b9);
  let counter = 0;
  return () => fmix(s ^ fmix(counter++ + 0x632be5ab));
}

/** Family of image i: every 50th image starts a family of 3 (itself and two crops of it), 6 % of all. */
function familyOf(i: number): { root: number; member: number } | null {
  const k = i % 50;
  return k < 3 ? { root: i - k, member: k } : null;
}

export function featuresOf(i: number): LocalFeatures {
  const fam = familyOf(i);
  const base = fam ? fam.root : i;
  const r = xorshift(base * 4 + 1);
  const xy = new Uint16Array(KEYPOINTS * 2);
  const descriptors = new Uint32Array(KEYPOINTS * 8);
  for (let k = 0; k < KEYPOINTS; k++) {
    xy[k * 2] = r() & 0xffff;
    xy[k * 2 + 1] = r() & 0xffff;
    for (let w = 0; w < 8; w++) descriptors[k * 8 + w] = r();
  }
  if (!fam || fam.member === 0) return imageOf(xy, descriptors);
  // A crop keeping ~40 % of the area, zoomed to the full frame: keypoints inside it move, the rest
  // are replaced by the crop's own corners.
  const q = xorshift(i * 4 + 2);
  const side = 0.6 + (q() % 100) / 1000;
  const x0 = ((q() % 1000) / 1000) * (1 - side);
  const y0 = ((q() % 1000) / 1000) * (1 - side);
  const own = xorshift(i * 4 + 3);
  for (let k = 0; k < KEYPOINTS; k++) {
    const x = xy[k * 2]! / 65535;
    const y = xy[k * 2 + 1]! / 65535;
    const inside = x >= x0 && x <= x0 + side && y >= y0 && y <= y0 + side && own() % 3 !== 0;
    if (inside) {
      xy[k * 2] = Math.round(((x - x0) / side) * 65535);
      xy[k * 2 + 1] = Math.round(((y - y0) / side) * 65535);
      const flips = 8 + (own() % 17);
      for (let f = 0; f < flips; f++) {
        const b = own() & 255;
        descriptors[k * 8 + (b >> 5)] = (descriptors[k * 8 + (b >> 5)]! ^ (1 << (b & 31))) >>> 0;
      }
    } else {
      xy[k * 2] = own() & 0xffff;
      xy[k * 2 + 1] = own() & 0xffff;
      for (let w = 0; w < 8; w++) descriptors[k * 8 + w] = own();
    }
  }
  return imageOf(xy, descriptors);
}

function imageOf(xy: Uint16Array, descriptors: Uint32Array): LocalFeatures {
  // Mirror descriptors: the words scrambled (fmix is a bijection), as random as the descriptors and
  // shared with no other image.
  const mirrored = descriptors.map((w) => fmix(w ^ 0x5bd1e995));
  return { v: 3, width: 512, height: 512, xy, descriptors, mirrored, regions: [] };
}

export function pdqOf(i: number): string {
  const r = xorshift(i * 4 + 4);
  return pdqWordsToHex(new Uint32Array(PDQ_WORDS).map(() => r()));
}

export function keypointRun(count: number, batch = 500): void {
  const g = createSeriesGrouper();
  const verify = (a: string, b: string, ways: CheckWays) =>
    verifyPair(featuresOf(Number(a)), featuresOf(Number(b)), ways);
  let checks = 0;
  const windows: { at: number; msPerImage: number }[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // Windows are timed in this thread's CPU time: on a shared machine wall time also counts waiting.
  const cpuNow = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  let tWindow = cpuNow();
  let verifyMs = 0;
  const timedVerify = (a: string, b: string, ways: CheckWays) => {
    checks++;
    const t = performance.now();
    const v = verify(a, b, ways);
    verifyMs += performance.now() - t;
    return v;
  };
  for (let start = 0; start < count; start += batch) {
    const items = [];
    for (let i = start; i < Math.min(count, start + batch); i++)
      items.push({ id: String(i), pdq: pdqOf(i), quality: 100, features: featuresOf(i) });
    g.add(items, timedVerify);
    const end = Math.min(count, start + batch);
    if (end % 2000 === 0 || end === count) {
      windows.push({
        at: end,
        msPerImage: (cpuNow() - tWindow) / (end - (windows.at(-1)?.at ?? 0)),
      });
      tWindow = cpuNow();
    }
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // Families whole, nothing else merged.
  let whole = 0;
  let families = 0;
  let foreign = 0;
  for (let root = 0; root + 2 < count; root += 50) {
    families++;
    const id = g.groupOf(String(root));
    if (g.groupOf(String(root + 1)) === id && g.groupOf(String(root + 2)) === id) whole++;
  }
  for (const group of g.groups()) {
    const roots = new Set(group.map((id) => familyOf(Number(id))?.root ?? -1 - Number(id)));
    if (roots.size > 1) {
      foreign += group.length;
      if (process.env.DEBUG_BENCH) console.log('foreign group', group);
    }
  }
  const first = windows[0]!.msPerImage;
  const last = windows.at(-1)!.msPerImage;
  console.log(
    [
      `${count.toLocaleString('en')} images with keypoints (${KEYPOINTS} each), batches of ${batch}, real geometric check:`,
      `  ${(ms / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU; ${(ms / count).toFixed(2)} ms/image; ${checks} checks (${(checks / count).toFixed(2)}/image, ${(verifyMs / Math.max(1, checks)).toFixed(2)} ms each)`,
      `  CPU ms/image in the first 2,000: ${first.toFixed(2)}, in the last 2,000: ${last.toFixed(2)} (ratio ${(last / first).toFixed(2)}; a quadratic stage would grow it ~${(count / 2000).toFixed(0)}x)`,
      `  families whole: ${whole}/${families}; images in a group with another family: ${foreign}`,
      // The descriptor index and the grouper's arrays are typed arrays; features are not kept (see above).
      `  memory after the run: typed arrays ${(process.memoryUsage().arrayBuffers / 2 ** 20).toFixed(0)} MiB, heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
    ].join('\n'),
  );
  // The descriptor index alone, built again over the same images (the grouper keeps its own inside).
  const index = new FeatureIndex();
  for (let i = 0; i < count; i++) index.add(i, featuresOf(i).descriptors);
  console.log(
    `  descriptor index: ${index.entries.toLocaleString('en')} entries in ${(index.entryBytes / 2 ** 20).toFixed(0)} MiB (${(index.entryBytes / index.entries).toFixed(2)} bytes each)`,
  );
}
