/**
 * Loads one list file for `waymark match`: streamed from disk through the same domain parsers the app
 * runs in its worker, format detected from the content. All or nothing: a fatal problem loads nothing.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';

import type { HashList, HashListEntry } from '../../domain/hashlists/hash-list';
import { importListText } from '../../domain/hashlists/list-import';
import type { ParseIssue } from '../../domain/hashlists/stream-parser';
import { parseIssueEnglish } from './list-problem-english';

export type LoadedList =
  | {
      readonly ok: true;
      readonly list: HashList;
      readonly entries: HashListEntry[];
      readonly warnings: ParseIssue[];
      readonly warningCount: number;
    }
  | { readonly ok: false; readonly problem: string };

export async function loadListFile(
  path: string,
  id: string,
  kind: HashList['kind'] = 'known',
): Promise<LoadedList> {
  const name = basename(path);
  let result;
  try {
    // Some Windows exporters write UTF-16 LE with a byte-order mark; everything else is read as UTF-8.
    const encoding = (await startsWithUtf16LeBom(path)) ? 'utf16le' : 'utf8';
    const stream = createReadStream(path, { encoding, highWaterMark: 1 << 20 });
    result = await importListText(stream as AsyncIterable<string>);
  } catch (error) {
    // I/O only: the parsers themselves report problems as values.
    return { ok: false, problem: `cannot read ${path}: ${(error as Error).message}` };
  }
  if (!result.ok)
    return {
      ok: false,
      problem: `${name}: ${parseIssueEnglish(result.fatal)}; list not loaded`,
    };
  const list: HashList = {
    id,
    name,
    source: path,
    format: result.format,
    schemeId: result.schemeId,
    kind,
    enabled: true,
    count: result.entries.length,
    importedAt: new Date().toISOString(),
  };
  const entries = result.entries.map(({ line: _line, ...e }): HashListEntry => ({
    ...e,
    id: `${id}#${e.ordinal}`,
    listId: id,
    enabled: true,
  }));
  return { ok: true, list, entries, warnings: result.warnings, warningCount: result.warningCount };
}

async function startsWithUtf16LeBom(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0xff && buffer[1] === 0xfe;
  } finally {
    await file.close();
  }
}
