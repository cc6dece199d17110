/**
 * A list of known videos in the vPDQ reference format: one hash file per video (see vpdq-hash-file.ts),
 * given singly, as a folder or as a ZIP; each file's name is its entry. A file that cannot be read
 * (not a hash file, or one frame line wrong) is left out with its problem and the rest load: the list
 * fails only when no file at all is readable.
 *
 * Invariant: entries come in the order of their file paths (a folder's listing order varies between
 * systems; the entry ordinal is the entry's stable position), so one set of files always gives one list.
 */
import type { VpdqFeature } from '../video/vpdq-feature';
import type { ParsedListEntry } from './hash-list';
import type { ParseIssue } from './stream-parser';
import { parseVpdqHashFile, vpdqEntryName } from './vpdq-hash-file';

export interface VpdqListEntry {
  /** The file's name without its extension: what a match reports. */
  readonly name: string;
  /** The file's path inside the folder or ZIP, as given. */
  readonly file: string;
  readonly features: readonly VpdqFeature[];
}

/** A file left out, with its problem (and the line it is on). */
export interface VpdqListProblem {
  readonly file: string;
  readonly fatal: ParseIssue;
}

export interface VpdqList {
  readonly entries: VpdqListEntry[];
  readonly problems: VpdqListProblem[];
}

const byPath = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** How far a list read a file at a time has come (after each file). */
export interface VpdqListProgress {
  readonly files: number;
  readonly totalFiles: number;
  /** Files read so far that gave an entry. */
  readonly entries: number;
}

/** One file's outcome: its entry, or the problem that leaves it out. */
function readOne(file: string, text: string, into: VpdqList): void {
  const parsed = parseVpdqHashFile(text);
  if (parsed.ok) into.entries.push({ name: vpdqEntryName(file), file, features: parsed.features });
  else into.problems.push({ file, fatal: parsed.fatal });
}

export function readVpdqList(files: Iterable<{ readonly file: string; readonly text: string }>): VpdqList {
  const list: VpdqList = { entries: [], problems: [] };
  for (const { file, text } of [...files].sort(byPath)) readOne(file, text, list);
  return list;
}

/**
 * The same list, read a file at a time: each file's text is asked for when its turn comes (so a
 * folder's files are never all in memory at once), and `onFile` hears after each, for progress.
 */
export async function readVpdqListLazily(
  files: readonly { readonly file: string; readonly text: () => string | Promise<string> }[],
  onFile?: (progress: VpdqListProgress) => void,
): Promise<VpdqList> {
  const list: VpdqList = { entries: [], problems: [] };
  const sorted = [...files].sort(byPath);
  for (const [i, { file, text }] of sorted.entries()) {
    readOne(file, await text(), list);
    onFile?.({ files: i + 1, totalFiles: sorted.length, entries: list.entries.length });
  }
  return list;
}

/** The list's videos as hash-list entries: the file's name is the entry's label, its frames its vPDQ. */
export function vpdqListEntries(list: VpdqList): ParsedListEntry[] {
  return list.entries.map((e, i) => ({ ordinal: i + 1, line: 1, label: e.name, vpdq: e.features }));
}
