/**
 * Loads a vPDQ list for `waymark match`: one hash file, a folder of them (recursively), or a ZIP of
 * them. Told apart from the other list formats by what it is (a folder, a ZIP) or by its first line
 * (`frame,quality,hex,timestamp`).
 */
import { open, readFile, stat } from 'node:fs/promises';
import { basename, relative } from 'node:path';

import { unzipSync } from 'fflate';

import { looksLikeVpdqHashFile } from '../../domain/hashlists/vpdq-hash-file';
import { readVpdqList, type VpdqList } from '../../domain/hashlists/vpdq-list';
import { walkFiles } from '../hashing/walk';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

async function head(path: string, n: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(n), 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** Whether `--list PATH` names a vPDQ list (a folder, a ZIP, or a vPDQ hash file). */
export async function isVpdqListPath(path: string): Promise<boolean> {
  const info = await stat(path);
  if (info.isDirectory()) return true;
  const first = await head(path, 4096);
  if (ZIP_MAGIC.every((b, i) => first[i] === b)) return true;
  return looksLikeVpdqHashFile(first.toString('utf8'));
}

export async function loadVpdqList(path: string): Promise<VpdqList> {
  const info = await stat(path);
  const files: { file: string; text: string }[] = [];
  if (info.isDirectory()) {
    for await (const file of walkFiles([path]))
      files.push({ file: relative(path, file), text: await readFile(file, 'utf8') });
  } else {
    const bytes = await readFile(path);
    if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
      const decoder = new TextDecoder();
      for (const [name, data] of Object.entries(unzipSync(bytes)))
        if (!name.endsWith('/')) files.push({ file: name, text: decoder.decode(data) });
      files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    } else files.push({ file: basename(path), text: bytes.toString('utf8') });
  }
  return readVpdqList(files);
}
