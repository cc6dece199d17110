/**
 * Loads one list file for `waymark match`: streamed from disk through the same domain parsers the app
 * runs in its worker, format detected from the content. All or nothing: a fatal problem loads nothing.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

import type { HashList, HashListEntry } from '../../domain/hashlists/hash-list';
import { importListText } from '../../domain/hashlists/list-import';
import { formatIssuePosition, type ParseIssue } from '../../domain/hashlists/stream-parser';

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
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let result;
  try {
    result = await importListText(stream as AsyncIterable<string>);
  } catch (error) {
    // I/O only: the parsers themselves report problems as values.
    return { ok: false, problem: `cannot read ${path}: ${(error as Error).message}` };
  }
  if (!result.ok)
    return {
      ok: false,
      problem: `${name}: ${formatIssuePosition(result.fatal)}: ${result.fatal.message}; list not loaded`,
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
