import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';

/**
 * Everything an analyst can drop or pick, as ONE async stream of entries, read lazily: a File is a
 * handle (no bytes read until the pool hashes it) and a ZIP is inflated one chunk at a time, so a
 * set of any size never sits in memory. Paths inside folders and archives are kept ('/'-separated).
 */
export interface IngestEntry {
  readonly path: string;
  readonly size: number;
  readonly lastModified: number;
  readonly blob: Blob;
}

/** Files a seized set carries that are never evidence images: operating-system litter. */
const LITTER = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/i;

export function isZip(file: { name: string; type: string }): boolean {
  return file.type === 'application/zip' || /\.zip$/i.test(file.name);
}

function relativePath(file: File): string {
  return file.webkitRelativePath || file.name;
}

/** Files from an input (files or a folder), expanding ZIP archives in place. */
export async function* entriesFromFiles(files: Iterable<File>): AsyncGenerator<IngestEntry> {
  for (const file of files) yield* entriesFromFile(file, relativePath(file));
}

async function* entriesFromFile(file: File, path: string): AsyncGenerator<IngestEntry> {
  if (LITTER.test(path)) return;
  if (isZip(file)) yield* entriesFromZip(file, path);
  else yield { path, size: file.size, lastModified: file.lastModified, blob: file };
}

/**
 * Streams a ZIP through fflate's Unzip: each chunk of the archive is pushed, entries completed by it
 * are yielded before the next chunk is read. Only the entry being inflated is held in memory.
 */
export async function* entriesFromZip(archive: Blob, archivePath: string): AsyncGenerator<IngestEntry> {
  const lastModified = archive instanceof File ? archive.lastModified : 0;
  const done: IngestEntry[] = [];
  const failures: Error[] = [];
  const unzip = new Unzip((entry: UnzipFile) => {
    if (entry.name.endsWith('/') || LITTER.test(entry.name)) {
      entry.ondata = () => undefined;
      entry.start();
      return;
    }
    const parts: Uint8Array<ArrayBuffer>[] = [];
    entry.ondata = (error, data, final) => {
      if (error) {
        failures.push(error);
        return;
      }
      parts.push(new Uint8Array(data));
      if (final) {
        const blob = new Blob(parts);
        done.push({ path: `${archivePath}/${entry.name}`, size: blob.size, lastModified, blob });
      }
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  const reader = archive.stream().getReader();
  for (;;) {
    const { value, done: ended } = await reader.read();
    unzip.push(value ?? new Uint8Array(0), ended);
    yield* done.splice(0);
    if (failures.length > 0) throw new ZipReadError(archivePath, failures[0]!);
    if (ended) return;
  }
}

export class ZipReadError extends Error {
  constructor(
    readonly archivePath: string,
    cause: Error,
  ) {
    super(`The archive ${archivePath} could not be read: ${cause.message}`, { cause });
    this.name = 'ZipReadError';
  }
}

/** Dropped items (files and whole folders) through the File and Directory Entries API. */
export async function* entriesFromDrop(items: readonly FileSystemEntry[]): AsyncGenerator<IngestEntry> {
  for (const item of items) yield* walk(item);
}

async function* walk(entry: FileSystemEntry): AsyncGenerator<IngestEntry> {
  const path = entry.fullPath.replace(/^\//, '');
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    yield* entriesFromFile(file, path);
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most ~100 entries per call; an empty batch means the folder is exhausted.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return;
    for (const child of batch) yield* walk(child);
  }
}
