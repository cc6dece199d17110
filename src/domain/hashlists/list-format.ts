/**
 * Tells a list's format from its first characters (never from its file name): `{` → VICS JSON; a
 * first content line starting with a 64-digit hex hash → PDQ list; anything else → CSV with a header
 * (the CSV parser rejects it if no hash column is named). A headerless file of 64-digit digests is
 * therefore read as PDQ: give SHA-256 lists a `sha256` header. vPDQ hash files (`frame,quality,hex,time`
 * lines) are told apart before this, by looksLikeVpdqHashFile, and read as a list of videos.
 */
import { CsvListParser } from './csv-list.parser';
import { HashListFormat, type ParsedListEntry } from './hash-list';
import { isPdqListLine, PdqListParser } from './pdq-list.parser';
import type { ChunkParser } from './stream-parser';
import { VicsListParser } from './vics-list.parser';

/** How much of the head detection wants to see (enough for a comment block and a first line). */
export const FORMAT_SNIFF_CHARS = 4096;

/** The formats read from one text stream (a vPDQ list is a set of files: vpdq-list.ts). */
export type TextListFormat = Exclude<HashListFormat, typeof HashListFormat.vpdq>;

export function detectListFormat(head: string): TextListFormat {
  const text = head.replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('{')) return HashListFormat.vics;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    return isPdqListLine(line) ? HashListFormat.pdq : HashListFormat.csv;
  }
  return HashListFormat.csv;
}

export interface ListParser extends ChunkParser<ParsedListEntry> {
  readonly format: TextListFormat;
  /** The category scheme the file declares, known after end(); null when the format has none. */
  readonly schemeId: string | null;
}

export function createListParser(format: TextListFormat): ListParser {
  switch (format) {
    case HashListFormat.vics:
      return Object.assign(new VicsListParser(), { format });
    case HashListFormat.csv:
      return Object.assign(new CsvListParser(), { format, schemeId: null });
    case HashListFormat.pdq:
      return Object.assign(new PdqListParser(), { format, schemeId: null });
  }
}
