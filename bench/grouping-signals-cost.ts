// The cost of grouping's signals beyond PDQ, for `npm run bench:hash` (issue 18's goal: extra
// signatures and verification <= 40 ms per megapixel per core on average). CPU time of this process
// (a shared machine's waiting is not counted), after a warm-up:
//   - analysis: sub-image tiles, the luma plane and its region/turned hashes, the grey plane and ORB
//     keypoints (analyseImage, as the worker and the CLI run it), per image and per megapixel over the
//     public corpus, and for the same pictures upscaled to 12 MP (a phone photo): most of the work is
//     on planes of a fixed size, so the cost per megapixel falls as images grow;
//   - verification: the geometric check (verifyPair) on the corpus's near-duplicate pairs of a series
//     and on as many pairs of different series, per pair.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import sharp from 'sharp';

import { decodeImageBytes } from '../src/cli/hashing/decode-node';
import { analyseImage, type GroupingSignals } from '../src/domain/features/compute-features';
import { CheckWays, verifyPair } from '../src/domain/features/verify-pair';
import type { PixelImage } from '../src/domain/image/pixel-image';
import { CORPUS_DIR } from '../test/corpus';

interface ManifestLine {
  readonly file: string;
  readonly series_id: string;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function decode(bytes: Uint8Array): Promise<PixelImage> {
  const decoded = await decodeImageBytes(bytes);
  if (!decoded.ok) throw new Error(`undecodable corpus image (${decoded.reason})`);
  return decoded.image;
}

/** CPU ms/image and ms/MP of analyseImage over `images` (one warm-up pass over the first few). */
function analysisCost(images: readonly PixelImage[]): {
  perImage: number;
  perMp: number;
  signals: GroupingSignals[];
} {
  for (const image of images.slice(0, 4)) analyseImage(image);
  let megapixels = 0;
  const signals: GroupingSignals[] = [];
  const t = cpuMs();
  for (const image of images) {
    signals.push(analyseImage(image));
    megapixels += (image.width * image.height) / 1e6;
  }
  const ms = cpuMs() - t;
  return { perImage: ms / images.length, perMp: ms / megapixels, signals };
}

export async function groupingSignalFigures(): Promise<void> {
  const manifest = readFileSync(join(CORPUS_DIR, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ManifestLine);
  const bytes = manifest.map((m) => new Uint8Array(readFileSync(join(CORPUS_DIR, m.file))));
  const images = await Promise.all(bytes.map(decode));
  const corpus = analysisCost(images);
  const sample = bytes.slice(0, 12);
  const large = await Promise.all(
    sample.map(async (b) =>
      decode(
        new Uint8Array(await sharp(b).resize(4000, 3000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer()),
      ),
    ),
  );
  const big = analysisCost(large);

  // Pairs within a series (what verification is asked to confirm) and as many across series.
  const within: [number, number][] = [];
  const across: [number, number][] = [];
  for (let i = 0; i < manifest.length; i++)
    for (let j = i + 1; j < manifest.length; j++)
      (manifest[i]!.series_id === manifest[j]!.series_id ? within : across).push([i, j]);
  const acrossSample = across.filter(
    (_, k) => k % Math.max(1, Math.floor(across.length / within.length)) === 0,
  );
  const verifyCost = (pairs: readonly [number, number][], ways: CheckWays) => {
    let confirmed = 0;
    const t = cpuMs();
    for (const [i, j] of pairs)
      if (verifyPair(corpus.signals[i]!.features, corpus.signals[j]!.features, ways)) confirmed++;
    return { perPair: (cpuMs() - t) / pairs.length, confirmed };
  };

  console.log(`\n[grouping signals] beyond PDQ, CPU of one core`);
  console.log(
    `analysis, public corpus (${images.length} images, ${fmt(corpus.perImage / corpus.perMp, 2)} MP average): ${fmt(corpus.perImage)} ms/image, ${fmt(corpus.perMp)} ms/MP  (goal <= 40 ms/MP with verification)`,
  );
  console.log(
    `analysis, ${large.length} of them upscaled to 12 MP: ${fmt(big.perImage)} ms/image, ${fmt(big.perMp)} ms/MP`,
  );
  // The grouper asks each pair the ways the index met it (CheckWays): most pairs one way.
  for (const ways of [CheckWays.direct, CheckWays.mirrored, CheckWays.both]) {
    const w = verifyCost(within, ways);
    const a = verifyCost(acrossSample, ways);
    console.log(
      `verification, ${ways.padEnd(8)}: ${fmt(w.perPair, 2)} ms/pair within a series (${w.confirmed}/${within.length} confirmed), ${fmt(a.perPair, 2)} ms/pair across series (${a.confirmed}/${acrossSample.length} confirmed)`,
    );
  }
}
