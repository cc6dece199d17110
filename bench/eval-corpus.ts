// npm run eval:corpus — groups ../shared/corpus/images with `waymark group` (PDQ in 8 orientations plus
// the extra signatures) and prints the corpus scorer's figures: near-duplicate and series pairwise
// precision/recall and, per transform, how many variants landed with their original. For comparison
// it also scores plain PDQ (dihedral, ≤ 31) on the same hashes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { CORPUS_DIR } from '../test/corpus';
import { groupFiles } from '../src/cli/grouping/group-files';
import { createSeriesGrouper, type GroupingItem } from '../src/domain/grouping';
import { analyseFiles } from '../src/cli/grouping/analyse-files';

const imagesDir = join(CORPUS_DIR, 'images');
const files = readdirSync(imagesDir)
  .sort()
  .map((f) => join(imagesDir, f));
const dir = mkdtempSync(join(tmpdir(), 'waymark-eval-'));

function score(label: string, groups: string[][]): void {
  const pred = join(dir, `${label}.json`);
  writeFileSync(pred, JSON.stringify({ groups: groups.map((g) => g.map((p) => relative(CORPUS_DIR, p))) }));
  console.log(`\n== ${label} ==`);
  console.log(
    execFileSync(
      process.execPath,
      [join(CORPUS_DIR, 'score.mjs'), '--manifest', join(CORPUS_DIR, 'manifest.jsonl'), '--pred', pred],
      {
        encoding: 'utf8',
      },
    ).trimEnd(),
  );
}

try {
  const t0 = performance.now();
  const analysed = await analyseFiles(files);
  const t1 = performance.now();
  const items: GroupingItem[] = analysed.map(({ signature: s, extra }, i) =>
    s.ok
      ? {
          id: files[i]!,
          sha256: s.sha256,
          pdq: s.pdq,
          quality: s.pdqQuality,
          dihedral: s.pdqDihedral,
          ...(extra ? { extra } : {}),
        }
      : { id: files[i]! },
  );
  const plain = createSeriesGrouper({ crops: false });
  plain.add(items.map(({ extra: _extra, ...rest }) => rest));
  score('plain PDQ, dihedral, threshold 31', plain.groups());
  const t2 = performance.now();
  const full = createSeriesGrouper();
  full.add(items);
  const t3 = performance.now();
  score('Waymark: PDQ + content rectangle + turned hashes + crop alignment', full.groups());
  console.log(
    `\n${files.length} files: decode + PDQ + extra signatures ${((t1 - t0) / 1000).toFixed(1)} s (worker threads), grouping ${((t3 - t2) / 1000).toFixed(2)} s`,
  );
  // The CLI path end to end, to show it is the same result.
  const cli = await groupFiles(files, { threshold: 31 }, () => undefined);
  console.log(`waymark group on the same files: ${cli.groupCount} groups (library: ${full.groups().length})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
