/**
 * A VICS file (hash set or case) read as a hash list: each media record becomes an entry with its
 * hashes, category and series. The category scheme follows the file's 2.0 segment (US, UK, CUSTOM,
 * Default); 1.x files carry none and are read as the US scheme, as Project VIC distributes them.
 */
import { CategorySchemeId } from '../case/category-schemes';
import type { VicsMedia } from '../vics/vics-media';
import { VicsStreamReader, type VicsHeader } from '../vics/vics-reader';
import type { ParsedListEntry } from './hash-list';
import type { ChunkParser, ParseBatch, ParseEnd, ParseIssue } from './stream-parser';

/**
 * The category scheme a VICS file's numbers belong to, as a case scheme id: US and Default (and 1.x,
 * which has no segment) are Project VIC US, UK is CAID; CUSTOM is a scheme we cannot know, kept as
 * "vics-custom" so its numbers are never read as another scheme's.
 */
export function vicsSchemeId(header: VicsHeader): string {
  switch ((header.segment ?? 'US').toUpperCase()) {
    case 'US':
    case 'DEFAULT':
      return CategorySchemeId.vicUs;
    case 'UK':
      return CategorySchemeId.ukCaid;
    default:
      return `vics-${(header.segment ?? '').toLowerCase()}`;
  }
}

export function vicsMediaToEntry(m: VicsMedia): ParsedListEntry {
  return {
    ordinal: m.entry,
    line: m.line,
    ...(m.md5 ? { md5: m.md5 } : {}),
    ...(m.sha1 ? { sha1: m.sha1 } : {}),
    ...(m.sha256 ? { sha256: m.sha256 } : {}),
    ...(m.pdq ? { pdq: m.pdq } : {}),
    ...(m.category !== undefined ? { category: m.category } : {}),
    ...(m.series ? { series: m.series } : {}),
  };
}

export class VicsListParser implements ChunkParser<ParsedListEntry> {
  readonly reader = new VicsStreamReader();

  get fatal(): ParseIssue | null {
    return this.reader.fatal;
  }

  /** Available after end(). */
  get schemeId(): string {
    return vicsSchemeId(this.reader.header);
  }

  push(chunk: string): ParseBatch<ParsedListEntry> {
    const batch = this.reader.push(chunk);
    return { items: batch.items.map(vicsMediaToEntry), warnings: batch.warnings };
  }

  end(): ParseEnd<ParsedListEntry> {
    const batch = this.reader.end();
    return { items: batch.items.map(vicsMediaToEntry), warnings: batch.warnings, fatal: batch.fatal };
  }
}
