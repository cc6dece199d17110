// npm run eval:corpus — groups the public corpus (../shared/corpus/images) and the harder corpus
// (generated from it by bench/harder-corpus, cached under node_modules/.cache) with the CLI's analysis
// (PDQ in 8 orientations, the extra signatures, local features) and prints the corpus scorer's figures
// for each: near-duplicate and series pairwise precision/recall and, per transform, how many variants
// landed with their original. For comparison it also scores plain PDQ (dihedral, ≤ 31) and, where
// the manifest has collages, the ceiling: the best score any grouping can reach. Then the
// public corpus again with the public videos (../shared/corpus/video, hashed with vPDQ by ffmpeg as
// `waymark group` does) placed around its image groups, scored together (bench/video-corpus.ts).
// `npm run eval:corpus -- --public` skips the harder corpus.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { analyseFiles } from '../src/cli/grouping/analyse-files';
import { groupingItemOf, verifierOf } from '../src/cli/grouping/group-files';
import { placeVideoFiles } from '../src/cli/video/group-videos';
import { createSeriesGrouper, type GroupingItem } from '../src/domain/grouping';
import { CORPUS_DIR } from '../test/corpus';
import { ensureHarderCorpus } from './harder-corpus/harder-corpus';
import { videoCorpusRows } from './video-corpus';

const scratch = mkdtempSync(join(tmpdir(), 'waymark-eval-'));

function score(
  root: string,
  label: string,
  groups: string[][],
  manifest = join(root, 'manifest.jsonl'),
): void {
  const pred = join(scratch, `${label.replace(/\W+/g, '-')}.json`);
  writeFileSync(pred, JSON.stringify({ groups: groups.map((g) => g.map((p) => relative(root, p))) }));
  console.log(`\n== ${label} ==`);
  console.log(
    execFileSync(process.execPath, [join(CORPUS_DIR, 'score.mjs'), '--manifest', manifest, '--pred', pred], {
      encoding: 'utf8',
    }).trimEnd(),
  );
}

/**
 * The best any grouping can score: each file with its own base. A collage also counts pairs with its
 * other tiles' bases (score.mjs), but one file sits in one group, so those pairs stay missed by
 * anyone (and joining the tiles' bases would make their files false pairs).
 */
function scoreCeiling(root: string, name: string, files: readonly string[]): void {
  const rows = readFileSync(join(root, 'manifest.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string; base_id: string; related_base_ids?: string[] });
  if (!rows.some((r) => r.related_base_ids?.length)) return;
  const byBase = new Map<string, string[]>();
  const listed = new Set(files);
  for (const r of rows) {
    const path = join(root, r.file);
    if (listed.has(path)) byBase.set(r.base_id, [...(byBase.get(r.base_id) ?? []), path]);
  }
  score(
    root,
    `${name}: the ceiling (every file with its own base; a collage cannot also join its other tiles')`,
    [...byBase.values()],
  );
}

interface Evaluated {
  readonly items: readonly GroupingItem[];
  readonly groups: string[][];
}

async function evaluate(name: string, root: string): Promise<Evaluated> {
  const imagesDir = join(root, 'images');
  const files = readdirSync(imagesDir)
    .sort()
    .map((f) => join(imagesDir, f));
  const t0 = performance.now();
  const analysed = await analyseFiles(files);
  const t1 = performance.now();
  const items = analysed.map((a, i) => groupingItemOf(files[i]!, a));
  const plain = createSeriesGrouper({ crops: false });
  plain.add(items.map(({ extra: _extra, features: _features, ...rest }) => rest));
  score(root, `${name}: plain PDQ, dihedral, threshold 31`, plain.groups());
  const t2 = performance.now();
  const full = createSeriesGrouper();
  full.add(items, verifierOf(items));
  const t3 = performance.now();
  score(root, `${name}: Waymark (PDQ + regions + turned hashes + crops + local features)`, full.groups());
  scoreCeiling(root, name, files);
  console.log(
    `\n${name}: ${files.length} files: decode + PDQ + extra signatures ${((t1 - t0) / 1000).toFixed(1)} s (worker threads), grouping ${((t3 - t2) / 1000).toFixed(2)} s; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  return { items, groups: full.groups() };
}

/** The public images' groups with the public videos placed around them, scored together. */
async function evaluateWithVideos({ items, groups }: Evaluated, secondsPerHash: number): Promise<void> {
  const rows = videoCorpusRows();
  const videos = rows.map((r) => join(CORPUS_DIR, r.file));
  const groupOf = new Map<string, number>();
  groups.forEach((g, n) => g.forEach((id) => groupOf.set(id, n)));
  const images = items.flatMap((it) =>
    it.pdq
      ? [{ group: groupOf.get(it.id)!, quality: it.quality ?? 0, dihedral: it.dihedral ?? [it.pdq] }]
      : [],
  );
  const problems: string[] = [];
  const t0 = performance.now();
  const placed = await placeVideoFiles(videos, images, groups.length, { secondsPerHash }, (path, message) =>
    problems.push(`${relative(CORPUS_DIR, path)}: ${message}`),
  );
  const t1 = performance.now();
  const withVideos = groups.map((g) => [...g]);
  for (const [path, label] of placed.labelOf) (withVideos[label] ??= []).push(path);
  const manifest = join(scratch, 'public-with-videos.jsonl');
  writeFileSync(
    manifest,
    readFileSync(join(CORPUS_DIR, 'manifest.jsonl'), 'utf8').trimEnd() +
      '\n' +
      rows.map((r) => JSON.stringify(r)).join('\n') +
      '\n',
  );
  score(
    CORPUS_DIR,
    `public images + videos: Waymark (images as above, videos by vPDQ, ${secondsPerHash === 0 ? 'every frame' : `a frame every ${secondsPerHash} s`})`,
    withVideos,
    manifest,
  );
  const nameOf = (label: number) =>
    (withVideos[label] ?? []).map((p) => relative(CORPUS_DIR, p)).find((p) => !p.startsWith('video/')) ??
    `group ${label}`;
  for (const link of placed.links)
    console.log(
      `linked to ${link.groups.length} groups: ${relative(CORPUS_DIR, link.path)} -> ${link.groups.map(nameOf).join(', ')}`,
    );
  for (const problem of problems) console.log(`problem: ${problem}`);
  console.log(`videos: ${videos.length} files hashed and placed in ${((t1 - t0) / 1000).toFixed(1)} s`);
}

try {
  const publicImages = await evaluate('public', CORPUS_DIR);
  // The default sampling (1 s), then every frame: the reference's own setting, which fast-moving
  // footage cut at another moment needs (the chair videos: adjacent frames ~25 bits apart).
  for (const secondsPerHash of [1, 0]) await evaluateWithVideos(publicImages, secondsPerHash);
  if (!process.argv.includes('--public'))
    await evaluate('harder', await ensureHarderCorpus({ log: (l) => console.log(`generating ${l}`) }));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
