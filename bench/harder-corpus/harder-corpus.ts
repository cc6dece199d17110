// The harder corpus: the public corpus's originals put through the edits that plain PDQ misses
// (shears and perspective, small crops, crop + rotation + strong JPEG, blurred letterboxes, phone
// screenshots, collages, meme captions, mirrored and watermarked copies), plus lookalike distractors.
// Generated reproducibly from ../shared/corpus/images and its manifest.jsonl at run time into a cache
// folder outside git (node_modules/.cache/waymark/harder-corpus: images/ and a manifest.jsonl in the
// public corpus's format, so ../shared/corpus/score.mjs scores it). Nothing from it is committed.
//
//   node --import tsx bench/harder-corpus/harder-corpus.ts [--force]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import sharp from 'sharp';

import { CORPUS_DIR, REPO_ROOT } from '../../test/corpus';
import { fromRaw, loadRaw, toRaw, type Raw } from './raster';
import { makeRng } from './rng';
import { otherPart, paletteLookalike, TRANSFORMS, type Encoded, type OtherBase } from './transforms';

/** Bump when a transform changes: the cache is rebuilt. */
export const HARDER_CORPUS_VERSION = 4;
const SEED = 'waymark-harder-v1';
export const HARDER_CORPUS_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'waymark', 'harder-corpus');

interface PublicRow {
  file: string;
  base_id: string;
  series_id: string | null;
  role: string;
  source_id: string;
}

export interface HarderRow {
  file: string;
  base_id: string;
  series_id: string | null;
  role: 'original' | 'variant' | 'distractor';
  transform: string;
  params: Record<string, unknown>;
  related_base_ids?: string[];
  related_series_ids?: string[];
  source_id: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Builds the corpus unless the cache already holds this version built from these public images. */
export async function ensureHarderCorpus(options: { force?: boolean; log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => undefined);
  const publicManifest = readFileSync(join(CORPUS_DIR, 'manifest.jsonl'), 'utf8');
  const stamp = JSON.stringify({
    version: HARDER_CORPUS_VERSION,
    seed: SEED,
    public: sha256(publicManifest),
  });
  const stampFile = join(HARDER_CORPUS_DIR, 'stamp.json');
  if (!options.force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)
    return HARDER_CORPUS_DIR;
  rmSync(HARDER_CORPUS_DIR, { recursive: true, force: true });
  mkdirSync(join(HARDER_CORPUS_DIR, 'images'), { recursive: true });

  const originals = publicManifest
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as PublicRow)
    .filter((r) => r.role === 'original')
    .sort((a, b) => (a.base_id < b.base_id ? -1 : 1))
    // One base per public series: the public series of several bases are overlapping shots of one
    // wallpaper and a stereo pair, where a crop of one shot is, pixel for pixel (up to a 5 % exposure
    // drift or the parallax), a crop of its neighbour: the ground truth would call a true copy false.
    // The public corpus keeps those shots as whole frames, which must stay apart, and does test that.
    // Lookalikes here are built without shared pixels instead (below).
    .filter((r, k, all) => all.findIndex((x) => x.series_id === r.series_id) === k);
  const rng = makeRng(SEED);
  const seriesSize = new Map<string | null, number>();
  for (const o of originals) seriesSize.set(o.series_id, (seriesSize.get(o.series_id) ?? 0) + 1);
  // Lookalikes: 8 bases alone in their series become "the near side" of their photo with the far
  // side as a distractor; 8 others get a palette lookalike. Series of several bases (overlapping
  // shots of one wallpaper, the stereo pair) keep their look-alike bases as they are: cutting one of
  // those would make it a crop of its neighbour, not a lookalike.
  const single = rng.shuffle(
    originals.filter((o) => seriesSize.get(o.series_id) === 1).map((o) => o.base_id),
  );
  const nearSide = new Set(single.slice(0, 8));
  const palette = new Set(single.slice(8, 16));

  const rows: HarderRow[] = [];
  const write = async (
    row: Omit<HarderRow, 'file' | 'format' | 'width' | 'height' | 'bytes' | 'sha256'>,
    out: Encoded,
  ) => {
    const name = sha256(`${SEED}|${row.base_id}|${row.transform}|${rows.length}`).slice(0, 16);
    const file = `images/${name}.${out.ext}`;
    writeFileSync(join(HARDER_CORPUS_DIR, file), out.buf);
    const meta = await sharp(out.buf).metadata();
    rows.push({
      ...row,
      file,
      format: meta.format ?? out.ext,
      width: meta.width ?? 0,
      height: meta.height ?? 0,
      bytes: out.buf.length,
      sha256: sha256(out.buf),
    });
  };

  // Bases first (collages borrow other bases' pictures).
  const bases: (OtherBase & { source_id: string; public_base: string; raw: Raw })[] = [];
  for (const [n, o] of originals.entries()) {
    const raw = await loadRaw(join(CORPUS_DIR, o.file));
    const base_id = `hard-b${String(n + 1).padStart(3, '0')}`;
    const series_id = o.series_id ? `hard-${o.series_id}` : null;
    let img = raw;
    if (nearSide.has(o.base_id)) {
      const split = raw.width >= raw.height ? 'x' : 'y';
      const rect =
        split === 'x'
          ? { left: 0, top: 0, width: Math.round(raw.width * 0.58), height: raw.height }
          : { left: 0, top: 0, width: raw.width, height: Math.round(raw.height * 0.58) };
      img = await toRaw(fromRaw(raw).extract(rect));
    }
    bases.push({ base_id, series_id, img, source_id: o.source_id, public_base: o.base_id, raw });
  }
  const names = Object.keys(TRANSFORMS);
  for (const b of bases) {
    const common = { base_id: b.base_id, series_id: b.series_id, source_id: b.source_id };
    const original = await fromRaw(b.img).jpeg({ quality: 92 }).toBuffer();
    await write(
      {
        ...common,
        role: 'original',
        transform: 'original',
        params: { from: b.public_base, near_side: nearSide.has(b.public_base) },
      },
      { buf: original, ext: 'jpg' },
    );
    const others = bases.filter((x) => x.base_id !== b.base_id);
    for (const t of names) {
      const made = await TRANSFORMS[t]!(b.img, rng.child(`${b.base_id}/${t}`), { others });
      const related = made.related ?? [];
      await write(
        {
          ...common,
          role: 'variant',
          transform: t,
          params: made.params,
          ...(related.length
            ? {
                related_base_ids: related.map((r) => r.base_id),
                related_series_ids: related.flatMap((r) => (r.series_id ? [r.series_id] : [])),
              }
            : {}),
        },
        made,
      );
    }
    if (nearSide.has(b.public_base)) {
      const split = b.raw.width >= b.raw.height ? 'x' : 'y';
      const d = await otherPart(b.raw, split, b.img);
      await write(
        {
          base_id: `${b.base_id}-d`,
          series_id: null,
          role: 'distractor',
          transform: 'lookalike_other_part',
          params: { of: b.base_id, ...d.params },
          source_id: b.source_id,
        },
        d,
      );
    }
    if (palette.has(b.public_base)) {
      const d = await paletteLookalike(b.img, rng.child(`${b.base_id}/palette`));
      await write(
        {
          base_id: `${b.base_id}-d`,
          series_id: null,
          role: 'distractor',
          transform: 'lookalike_palette',
          params: { of: b.base_id, ...d.params },
          source_id: b.source_id,
        },
        d,
      );
    }
    log(`${b.base_id} (${b.public_base}, ${b.source_id})`);
  }
  writeFileSync(
    join(HARDER_CORPUS_DIR, 'manifest.jsonl'),
    rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
  );
  writeFileSync(stampFile, stamp);
  return HARDER_CORPUS_DIR;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = performance.now();
  const dir = await ensureHarderCorpus({
    force: process.argv.includes('--force'),
    log: (l) => console.log(l),
  });
  console.log(`harder corpus in ${dir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
