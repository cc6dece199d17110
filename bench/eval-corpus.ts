// npm run eval:corpus — groups the public corpus (../shared/corpus/images) and the harder corpus
// (generated from it by bench/harder-corpus, cached under node_modules/.cache) with the CLI's analysis
// (PDQ in 8 orientations, the extra signatures, local features) and prints the corpus scorer's figures
// for each: near-duplicate and series pairwise precision/recall and, per transform, how many variants
// landed with their original. For comparison it also scores plain PDQ (dihedral, ≤ 31).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { analyseFiles } from '../src/cli/grouping/analyse-files';
import { groupingItemOf, verifierOf } from '../src/cli/grouping/group-files';
import { createSeriesGrouper } from '../src/domain/grouping';
import { CORPUS_DIR } from '../test/corpus';
import { ensureHarderCorpus } from './harder-corpus/harder-corpus';

const scratch = mkdtempSync(join(tmpdir(), 'waymark-eval-'));

function score(root: string, label: string, groups: string[][]): void {
  const pred = join(scratch, `${label.replace(/\W+/g, '-')}.json`);
  writeFileSync(pred, JSON.stringify({ groups: groups.map((g) => g.map((p) => relative(root, p))) }));
  console.log(`\n== ${label} ==`);
  console.log(
    execFileSync(
      process.execPath,
      [join(CORPUS_DIR, 'score.mjs'), '--manifest', join(root, 'manifest.jsonl'), '--pred', pred],
      { encoding: 'utf8' },
    ).trimEnd(),
  );
}

async function evaluate(name: string, root: string): Promise<void> {
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
  console.log(
    `\n${name}: ${files.length} files: decode + PDQ + extra signatures ${((t1 - t0) / 1000).toFixed(1)} s (worker threads), grouping ${((t3 - t2) / 1000).toFixed(2)} s; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

try {
  await evaluate('public', CORPUS_DIR);
  await evaluate('harder', await ensureHarderCorpus({ log: (l) => console.log(`generating ${l}`) }));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
