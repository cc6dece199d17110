/**
 * A list of known videos in the vPDQ reference format: one hash file per video (see vpdq-hash-file.ts),
 * given singly, as a folder or as a ZIP; each file's name is its entry. Files that are not vPDQ hash
 * files (a README, a manifest) are skipped with a problem naming them; the rest load. All or nothing
 * only when no file at all is readable.
 */
import type { VpdqFeature } from '../video/vpdq-feature';
import type { ParseIssue } from './stream-parser';
import { parseVpdqHashFile, vpdqEntryName } from './vpdq-hash-file';

export interface VpdqListEntry {
  /** The file's name without its extension: what a match reports. */
  readonly name: string;
  /** The file's path inside the folder or ZIP, as given. */
  readonly file: string;
  readonly features: readonly VpdqFeature[];
}

/** A file left out (its fatal problem), or a file loaded with lines skipped (how many, and the first). */
export type VpdqListProblem =
  | { readonly file: string; readonly fatal: ParseIssue }
  | { readonly file: string; readonly skippedLines: number; readonly first: ParseIssue };

export interface VpdqList {
  readonly entries: VpdqListEntry[];
  readonly problems: VpdqListProblem[];
}

export function readVpdqList(files: Iterable<{ readonly file: string; readonly text: string }>): VpdqList {
  const entries: VpdqListEntry[] = [];
  const problems: VpdqListProblem[] = [];
  for (const { file, text } of files) {
    const parsed = parseVpdqHashFile(text);
    if (!parsed.ok) {
      problems.push({ file, fatal: parsed.fatal });
      continue;
    }
    if (parsed.warnings.length)
      problems.push({ file, skippedLines: parsed.warnings.length, first: parsed.warnings[0]! });
    entries.push({ name: vpdqEntryName(file), file, features: parsed.features });
  }
  return { entries, problems };
}
