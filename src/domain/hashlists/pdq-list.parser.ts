/**
 * Streams a PDQ signal list as ThreatExchange / HMA tools write them: one hash per line,
 * `hex[,quality][,label]` (comma or tab separated; a leading `pdq` signal-type token is allowed, as
 * python-threatexchange prints it). Blank lines and `#` comments are skipped; a header line on top
 * ("hash,quality") is skipped; a bad line is skipped with a warning naming it.
 * Fatal: a line over 1 MB (not a text list).
 */
import { parsePdqHex } from '../hashing/pdq-hex';
import type { ParsedListEntry } from './hash-list';
import { quote } from './list-problem';
import type { ChunkParser, ParseBatch, ParseEnd, ParseIssue } from './stream-parser';

const MAX_LINE_CHARS = 1 << 20;
const LEADING_TYPE = /^pdq[\s,;]+/i;
/** The hash, then (after a comma, semicolon, tab or spaces) the rest of the line. */
const LINE = /^([0-9a-fA-F]{64})(?:\s*[,;\t]\s*|\s+|$)(.*)$/;
/** A quality (1-3 digits) at the start of the rest, then the label. */
const QUALITY = /^(\d{1,3})(?:\s*[,;\t]\s*|\s+|$)(.*)$/;

/** Does this line look like a PDQ list line? (used for format detection as well) */
export function isPdqListLine(line: string): boolean {
  return LINE.test(line.trim().replace(LEADING_TYPE, ''));
}

export class PdqListParser implements ChunkParser<ParsedListEntry> {
  private rest = '';
  private line = 0;
  private ordinal = 0;
  private seenContent = false;
  private items: ParsedListEntry[] = [];
  private warnings: ParseIssue[] = [];
  private fatalIssue: ParseIssue | null = null;
  private started = false;

  get fatal(): ParseIssue | null {
    return this.fatalIssue;
  }

  push(chunk: string): ParseBatch<ParsedListEntry> {
    if (this.fatalIssue) return { items: [], warnings: [] };
    if (!this.started && chunk.length) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let text = this.rest + chunk;
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      this.readLine(text.slice(from, nl));
      from = nl + 1;
    }
    text = text.slice(from);
    if (text.length > MAX_LINE_CHARS)
      this.fatalIssue = { code: 'line-too-long', maxChars: MAX_LINE_CHARS, line: this.line + 1 };
    this.rest = text;
    return this.flush();
  }

  end(): ParseEnd<ParsedListEntry> {
    if (!this.fatalIssue && this.rest.length) this.readLine(this.rest);
    this.rest = '';
    return { ...this.flush(), fatal: this.fatalIssue };
  }

  private flush(): ParseBatch<ParsedListEntry> {
    if (this.fatalIssue) return { items: [], warnings: [] };
    const batch = { items: this.items, warnings: this.warnings };
    this.items = [];
    this.warnings = [];
    return batch;
  }

  private readLine(raw: string): void {
    const line = ++this.line;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const firstContent = !this.seenContent;
    this.seenContent = true;
    const line_ = LINE.exec(text.replace(LEADING_TYPE, ''));
    const pdq = line_ ? parsePdqHex(line_[1]!) : null;
    if (!line_ || !pdq) {
      // A header such as "hash,quality" or "pdq_hash,quality,label" on the first line.
      if (firstContent && /^[a-z_ ,;\t]+$/i.test(text)) return;
      this.ordinal++;
      this.warnings.push({
        code: 'not-pdq-line',
        text: quote(text),
        line,
        entry: this.ordinal,
      });
      return;
    }
    this.ordinal++;
    const entry: { -readonly [K in keyof ParsedListEntry]: ParsedListEntry[K] } = {
      ordinal: this.ordinal,
      line,
      pdq,
    };
    let rest = line_[2] ?? '';
    const quality = QUALITY.exec(rest);
    if (quality) {
      const q = Number(quality[1]);
      if (q <= 100) entry.pdqQuality = q;
      else this.warnings.push({ code: 'bad-quality', value: quality[1]!, line, entry: this.ordinal });
      rest = quality[2] ?? '';
    }
    const label = rest.trim();
    if (label) entry.label = label;
    this.items.push(entry);
  }
}
