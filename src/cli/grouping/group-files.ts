import { createSeriesGrouper, type GroupingItem } from '../../domain/grouping';
import { walkFiles } from '../hashing/walk';
import { analyseFiles } from './analyse-files';

export interface GroupedFiles {
  paths: string[];
  labels: Int32Array;
  groupCount: number;
}

/** Analyses files (worker threads) and groups them as the app does; unreadable files stay alone. */
export async function groupFiles(
  inputs: readonly string[],
  options: { threshold: number; concurrency?: number },
  onProblem: (path: string, message: string) => void,
): Promise<GroupedFiles> {
  const paths: string[] = [];
  for await (const path of walkFiles(inputs)) paths.push(path);
  const analysed = await analyseFiles(paths, options.concurrency ? { concurrency: options.concurrency } : {});
  const items: GroupingItem[] = analysed.map(({ signature: s, extra }, i) => {
    const id = paths[i]!;
    if (!s.ok) {
      onProblem(id, s.message);
      return s.sha256 ? { id, sha256: s.sha256 } : { id };
    }
    return {
      id,
      sha256: s.sha256,
      pdq: s.pdq,
      quality: s.pdqQuality,
      dihedral: s.pdqDihedral,
      ...(extra ? { extra } : {}),
    };
  });
  const grouper = createSeriesGrouper({ threshold: options.threshold });
  grouper.add(items);
  const labelOf = new Map<string, number>();
  const groups = grouper.groups();
  groups.forEach((g, n) => g.forEach((id) => labelOf.set(id, n)));
  return { paths, labels: Int32Array.from(paths, (p) => labelOf.get(p)!), groupCount: groups.length };
}
