import type { LocalFeatures } from '../../domain/features/local-features';
import { verifyPair, type CheckWays, type PairVerification } from '../../domain/features/verify-pair';
import { createSeriesGrouper, type GroupingItem } from '../../domain/grouping';
import { walkFiles } from '../hashing/walk';
import type { AnalysedFile } from './analyse-file';
import { placeVideoFiles, splitVideoPaths } from '../video/group-videos';
import { analyseFiles } from './analyse-files';
import { hashProblemEnglish } from '../hashing/hash-problem-english';

export interface GroupedFiles {
  paths: string[];
  labels: Int32Array;
  groupCount: number;
  /** Videos whose frames match several groups: listed in the first, linked to all (see cli/video). */
  links: readonly { readonly path: string; readonly groups: readonly number[] }[];
}

/** Analyses files (worker threads) and groups them as the app does; unreadable files stay alone. */
export async function groupFiles(
  inputs: readonly string[],
  options: { threshold: number; concurrency?: number; secondsPerHash?: number },
  onProblem: (path: string, message: string) => void,
): Promise<GroupedFiles> {
  const paths: string[] = [];
  for await (const path of walkFiles(inputs)) paths.push(path);
  const { videos, others } = await splitVideoPaths(paths);
  const analysed = await analyseFiles(
    others,
    options.concurrency ? { concurrency: options.concurrency } : {},
  );
  const items = analysed.map((a, i) => {
    if (!a.signature.ok) onProblem(others[i]!, hashProblemEnglish(a.signature));
    return groupingItemOf(others[i]!, a);
  });
  const grouper = createSeriesGrouper({ threshold: options.threshold });
  grouper.add(items, verifierOf(items));
  const labelOf = new Map<string, number>();
  const groups = grouper.groups();
  groups.forEach((g, n) => g.forEach((id) => labelOf.set(id, n)));
  const images = items.flatMap((it) =>
    it.pdq
      ? [{ group: labelOf.get(it.id)!, quality: it.quality ?? 0, dihedral: it.dihedral ?? [it.pdq] }]
      : [],
  );
  const placed = await placeVideoFiles(videos, images, groups.length, options, onProblem);
  for (const [path, label] of placed.labelOf) labelOf.set(path, label);
  return {
    paths,
    labels: Int32Array.from(paths, (p) => labelOf.get(p)!),
    groupCount: placed.groupCount,
    links: placed.links,
  };
}

/** What the grouper takes from one analysed file (a failed file keeps its exact hash, if any). */
export function groupingItemOf(id: string, { signature: s, extra, features }: AnalysedFile): GroupingItem {
  if (!s.ok) return s.sha256 ? { id, sha256: s.sha256 } : { id };
  return {
    id,
    sha256: s.sha256,
    pdq: s.pdq,
    quality: s.pdqQuality,
    dihedral: s.pdqDihedral,
    ...(extra ? { extra } : {}),
    ...(features ? { features } : {}),
  };
}

/** The geometric check over features held in memory (the CLI keeps every file's features). */
export function verifierOf(
  items: readonly GroupingItem[],
): (a: string, b: string, ways: CheckWays) => PairVerification | null {
  const features = new Map<string, LocalFeatures>();
  for (const item of items) if (item.features) features.set(item.id, item.features);
  return (a, b, ways) => {
    const fa = features.get(a);
    const fb = features.get(b);
    return fa && fb ? verifyPair(fa, fb, ways) : null;
  };
}
