// A vPDQ list (hash files, one per known video: several files, a folder or a ZIP) read in the
// list-import worker, a file at a time in path order, with progress after each file. Apart from the
// worker's entry so that Node tests can run it.
import { unzipSync } from 'fflate';

import { HashListFormat } from '../domain/hashlists/hash-list';
import type { ListImportResult } from '../domain/hashlists/list-import';
import { looksLikeVpdqHashFile } from '../domain/hashlists/vpdq-hash-file';
import {
  readVpdqListLazily,
  vpdqListEntries,
  type VpdqListProblem,
  type VpdqListProgress,
} from '../domain/hashlists/vpdq-list';

/** A list read, and for a vPDQ list the files left out (each with its problem). */
export type ListFilesResult = ListImportResult & { readonly fileProblems?: readonly VpdqListProblem[] };

/** A named file of a multi-file list (a folder's files carry their relative path). */
export interface NamedBlob {
  readonly name: string;
  readonly blob: Blob;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** A ZIP of hash files is unpacked in memory: text lists, far under this. */
const MAX_ZIP_BYTES = 512 * 1024 * 1024;

export async function isZip(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return ZIP_MAGIC.every((b, i) => head[i] === b);
}

/** A ZIP, or a file whose first line is `frame,quality,hex[,time]`, is a vPDQ list. */
export async function isVpdqFile(file: Blob): Promise<boolean> {
  if (await isZip(file)) return true;
  return looksLikeVpdqHashFile(await file.slice(0, 4096).text());
}

/** Files a ZIP or a folder carries beside the lists (macOS resource forks, hidden files). */
const isClutter = (path: string) => path.startsWith('__MACOSX/') || /(^|\/)\./.test(path);

type Source = { readonly file: string; readonly text: () => string | Promise<string> };

/** Every hash file among these: a ZIP's entries (unpacked now), other files read when their turn comes. */
async function sources(files: readonly NamedBlob[]): Promise<Source[]> {
  const out: Source[] = [];
  const decoder = new TextDecoder();
  for (const { name, blob } of files) {
    if (await isZip(blob)) {
      if (blob.size > MAX_ZIP_BYTES) throw new RangeError(`ZIP over ${MAX_ZIP_BYTES} bytes`);
      const entries = unzipSync(new Uint8Array(await blob.arrayBuffer()));
      for (const [path, data] of Object.entries(entries))
        if (!path.endsWith('/') && !isClutter(path))
          out.push({ file: path, text: () => decoder.decode(data) });
    } else if (!isClutter(name)) out.push({ file: name, text: () => blob.text() });
  }
  return out;
}

/**
 * Reads hash files as a list of known videos: the files that cannot be read are left out, each named.
 * `onProgress` hears after each file, at most every `intervalMs` (and always after the last one).
 */
export async function readVpdqFiles(
  files: readonly NamedBlob[],
  onProgress?: (p: VpdqListProgress) => void,
  intervalMs = 100,
): Promise<ListFilesResult> {
  let last = -Infinity;
  const list = await readVpdqListLazily(await sources(files), (p) => {
    const now = performance.now();
    if (!onProgress || (now - last < intervalMs && p.files < p.totalFiles)) return;
    last = now;
    onProgress(p);
  });
  const entries = vpdqListEntries(list);
  const base = { format: HashListFormat.vpdq, warnings: [], warningCount: 0, fileProblems: list.problems };
  if (entries.length === 0)
    return {
      ...base,
      ok: false,
      fatal:
        list.problems.length > 0
          ? { code: 'no-usable-entry', skipped: list.problems.length, line: 1 }
          : { code: 'no-entries', line: 1 },
    };
  return { ...base, ok: true, schemeId: null, entries };
}
