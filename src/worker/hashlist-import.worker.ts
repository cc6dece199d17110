// The list-import worker: a list file in, its entries out (all or nothing), with progress on the way,
// so a 100,000-entry VICS file never freezes the page. Pure compute; the main thread stores the list.
import * as Comlink from 'comlink';

import type { HashListFormat } from '../domain/hashlists/hash-list';
import {
  importListText,
  type ListImportProgress,
  type ListImportResult,
} from '../domain/hashlists/list-import';

export type { ListImportResult } from '../domain/hashlists/list-import';

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
   * Reads a hash list (VICS, CSV or PDQ; detected from content unless `format` is given).
   * `onProgress` must be wrapped with Comlink.proxy by the caller.
   */
  importList(
    file: Blob,
    format?: HashListFormat,
    onProgress?: (p: ListImportWorkerProgress) => void,
  ): Promise<ListImportResult> {
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
};

export type HashListImportWorkerApi = typeof api;

Comlink.expose(api);
