// The list-import worker: a list file in, its entries out (all or nothing), with progress on the way,
// so a 100,000-entry VICS file never freezes the page. Pure compute; the main thread stores the list.
// A vPDQ list (hash files, one per known video: several files, a folder or a ZIP) is read here too.
import * as Comlink from 'comlink';
import { unzipSync } from 'fflate';

import { HashListFormat } from '../domain/hashlists/hash-list';
import type { TextListFormat } from '../domain/hashlists/list-format';
import {
  importListText,
  type ListImportProgress,
  type ListImportResult,
} from '../domain/hashlists/list-import';
import { looksLikeVpdqHashFile } from '../domain/hashlists/vpdq-hash-file';
import { readVpdqList, vpdqListEntries, type VpdqListProblem } from '../domain/hashlists/vpdq-list';

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

async function isZip(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return ZIP_MAGIC.every((b, i) => head[i] === b);
}

/** Files a ZIP or a folder carries beside the lists (macOS resource forks, hidden files). */
const isClutter = (path: string) => path.startsWith('__MACOSX/') || /(^|\/)\./.test(path);

async function vpdqTexts(files: readonly NamedBlob[]): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  const decoder = new TextDecoder();
  for (const { name, blob } of files) {
    if (await isZip(blob)) {
      if (blob.size > MAX_ZIP_BYTES) throw new RangeError(`ZIP over ${MAX_ZIP_BYTES} bytes`);
      const entries = unzipSync(new Uint8Array(await blob.arrayBuffer()));
      for (const [path, data] of Object.entries(entries))
        if (!path.endsWith('/') && !isClutter(path)) out.push({ file: path, text: decoder.decode(data) });
    } else if (!isClutter(name)) out.push({ file: name, text: await blob.text() });
  }
  return out;
}

/** Reads hash files as a list of known videos: the files that cannot be read are left out, each named. */
async function importVpdq(files: readonly NamedBlob[]): Promise<ListFilesResult> {
  const list = readVpdqList(await vpdqTexts(files));
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

/** A ZIP, or a file whose first line is `frame,quality,hex[,time]`, is a vPDQ list. */
async function isVpdqFile(file: Blob): Promise<boolean> {
  if (await isZip(file)) return true;
  return looksLikeVpdqHashFile(await file.slice(0, 4096).text());
}

export interface ListImportWorkerProgress extends ListImportProgress {
  /** The file's size in bytes; `chars` approaches it (exactly, for ASCII lists). */
  readonly totalBytes: number;
}

/** At most this often, so progress messages never crowd the channel. */
const PROGRESS_INTERVAL_MS = 100;

async function* fileText(file: Blob): AsyncGenerator<string> {
  // Some Windows exporters write UTF-16 (with a byte-order mark); everything else is read as UTF-8.
  const bom = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const encoding =
    bom[0] === 0xff && bom[1] === 0xfe
      ? 'utf-16le'
      : bom[0] === 0xfe && bom[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  const reader = file.stream().pipeThrough(new TextDecoderStream(encoding)).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

const api = {
  /**
   * Reads a hash list (VICS, CSV or PDQ; detected from content unless `format` is given; a ZIP or a
   * vPDQ hash file is read as a list of known videos).
   * `onProgress` must be wrapped with Comlink.proxy by the caller.
   */
  async importList(
    file: Blob,
    name: string,
    format?: TextListFormat,
    onProgress?: (p: ListImportWorkerProgress) => void,
  ): Promise<ListFilesResult> {
    if (!format && (await isVpdqFile(file))) return importVpdq([{ name, blob: file }]);
    let last = 0;
    return importListText(fileText(file), {
      ...(format ? { format } : {}),
      onProgress: (p) => {
        const now = performance.now();
        if (!onProgress || now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        onProgress({ ...p, totalBytes: file.size });
      },
    });
  },

  /** Several files (or a folder's) as one list of known videos: each file a video's vPDQ hashes. */
  importVpdqFiles(files: readonly NamedBlob[]): Promise<ListFilesResult> {
    return importVpdq(files);
  },
};

export type HashListImportWorkerApi = typeof api;

Comlink.expose(api);
