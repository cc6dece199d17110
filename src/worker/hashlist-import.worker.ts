// The list-import worker: a list file in, its entries out (all or nothing), with progress on the way,
// so a 100,000-entry VICS file never freezes the page. Pure compute; the main thread stores the list.
// A vPDQ list (hash files, one per known video: several files, a folder or a ZIP) is read here too.
import * as Comlink from 'comlink';

import type { TextListFormat } from '../domain/hashlists/list-format';
import { importListText, type ListImportProgress } from '../domain/hashlists/list-import';
import type { VpdqListProgress } from '../domain/hashlists/vpdq-list';
import { isVpdqFile, readVpdqFiles, type ListFilesResult, type NamedBlob } from './vpdq-list-read';

export type { ListFilesResult, NamedBlob };

/** A text list's progress (characters of its bytes), or a vPDQ list's (files read of all its files). */
export type ListImportWorkerProgress =
  | (ListImportProgress & {
      /** The file's size in bytes; `chars` approaches it (exactly, for ASCII lists). */
      readonly totalBytes: number;
    })
  | VpdqListProgress;

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
    if (!format && (await isVpdqFile(file))) return readVpdqFiles([{ name, blob: file }], onProgress);
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

  /**
   * Several files (or a folder's) as one list of known videos: each file a video's vPDQ hashes.
   * `onProgress` (wrapped with Comlink.proxy by the caller) hears the files read.
   */
  importVpdqFiles(
    files: readonly NamedBlob[],
    onProgress?: (p: ListImportWorkerProgress) => void,
  ): Promise<ListFilesResult> {
    return readVpdqFiles(files, onProgress);
  },
};

export type HashListImportWorkerApi = typeof api;

Comlink.expose(api);
