// The public video corpus (../shared/corpus/video) as rows of the image corpus's manifest, so that
// ../shared/corpus/score.mjs scores images and videos together. The video manifest says, per file,
// which content it shares (`group`); this maps that onto the image manifest's levels:
// - "image-series:S" (a video made from a still): the still's base_id and series, transform
//   "video-from-still", so the per-transform line counts it as grouped with its still;
// - "links:A+B" (a video cut from two series' stills): the first still's base and series, the
//   second as related_base_ids / related_series_ids (linked to both; a partition puts it in one, so
//   its pairs with the other series count as missed: the links line reports them instead);
// - any other group (the same video re-encoded, clipped, or filmed twice): a base of its own whose
//   first reference video is the original and the rest variants, transform "video-" + kind;
// - no group (unrelated videos): distractors, which must stay alone.
// The bad/ files are not scored (they fail with their own errors, which the caller reports).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CORPUS_DIR } from '../test/corpus';

export const VIDEO_DIR = 'video';

interface VideoRow {
  file: string;
  kind: string;
  group?: string | null;
  stills?: string[];
}

interface ImageRow {
  file: string;
  base_id: string;
  series_id: string | null;
}

export interface ScoredRow {
  file: string;
  base_id: string;
  series_id: string | null;
  role: 'original' | 'variant' | 'distractor';
  transform: string;
  related_base_ids?: string[];
  related_series_ids?: string[];
}

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as T);

/** The scorable videos, their paths relative to the corpus folder, as manifest rows. */
export function videoCorpusRows(): ScoredRow[] {
  const images = new Map(readJsonl<ImageRow>(join(CORPUS_DIR, 'manifest.jsonl')).map((r) => [r.file, r]));
  const stillOf = (file: string): ImageRow => {
    const row = images.get(file);
    if (!row) throw new Error(`video manifest names a still that the image manifest lacks: ${file}`);
    return row;
  };
  const originals = new Set<string>();
  return readJsonl<VideoRow>(join(CORPUS_DIR, VIDEO_DIR, 'manifest.jsonl'))
    .filter((v) => v.kind !== 'bad')
    .map((v): ScoredRow => {
      const file = `${VIDEO_DIR}/${v.file}`;
      const group = v.group ?? null;
      if (group === null)
        return {
          file,
          base_id: `video:${v.file}`,
          series_id: null,
          role: 'distractor',
          transform: 'video-unrelated',
        };
      if (group.startsWith('image-series:') || group.startsWith('links:')) {
        const [first, ...others] = (v.stills ?? []).map(stillOf);
        if (!first) throw new Error(`video made from stills names none: ${v.file}`);
        return {
          file,
          base_id: first.base_id,
          series_id: first.series_id,
          role: 'variant',
          transform: others.length > 0 ? 'video-from-two-series' : 'video-from-still',
          ...(others.length > 0
            ? {
                related_base_ids: others.map((o) => o.base_id),
                related_series_ids: others.flatMap((o) => (o.series_id ? [o.series_id] : [])),
              }
            : {}),
        };
      }
      const isOriginal = v.kind === 'reference' && !originals.has(group);
      if (isOriginal) originals.add(group);
      return {
        file,
        base_id: `video:${group}`,
        series_id: `video:${group}`,
        role: isOriginal ? 'original' : 'variant',
        transform: `video-${v.kind}`,
      };
    });
}
