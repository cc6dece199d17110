/**
 * Streams a CSV hash list. Columns are found from the header (any order, any case, extra columns
 * ignored): md5, sha1, sha256, pdq (also "pdq_hash"), quality, category, series, label. A file with no
 * header whose fields are all hex digests is read by digest length (32 MD5, 40 SHA-1, 64 SHA-256).
 * Quoted fields (RFC 4180, with "" and line breaks inside quotes), CRLF, a BOM, `#` comment lines and
 * `,` `;` or tab delimiters are accepted.
 *
 * Fatal: no recognizable header, an unterminated quoted field, a line over 1 MB (not a text list).
 * Everything else (a bad digest, a bad category) drops the field or the row with a warning.
 */
import { parsePdqHex } from '../hashing/pdq-hex';
import { hasAnyHash, type ParsedListEntry } from './hash-list';
import { quote, type ListProblem } from './list-problem';
import type { ChunkParser, ParseBatch, ParseEnd, ParseIssue } from './stream-parser';
import { normalizeHexHash } from '../vics/vics-values';

type Column = 'md5' | 'sha1' | 'sha256' | 'pdq' | 'pdqQuality' | 'category' | 'series' | 'label';

const HEADER_NAMES: Record<string, Column> = {
  md5: 'md5',
  md5hash: 'md5',
  hashmd5: 'md5',
  sha1: 'sha1',
  sha1hash: 'sha1',
  hashsha1: 'sha1',
  sha256: 'sha256',
  sha256hash: 'sha256',
  hashsha256: 'sha256',
  pdq: 'pdq',
  pdqhash: 'pdq',
  pdqhex: 'pdq',
  quality: 'pdqQuality',
  pdqquality: 'pdqQuality',
  category: 'category',
  cat: 'category',
  vicscategory: 'category',
  series: 'series',
  seriesname: 'series',
  label: 'label',
};

const MAX_RECORD_CHARS = 1 << 20;

export function csvColumnFor(headerField: string): Column | undefined {
  return HEADER_NAMES[
    headerField
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
  ];
}

const State = { fieldStart: 0, unquoted: 1, quoted: 2, quoteInQuoted: 3 } as const;
type State = (typeof State)[keyof typeof State];

export class CsvListParser implements ChunkParser<ParsedListEntry> {
  private state: State = State.fieldStart;
  private field = '';
  private fields: string[] = [];
  private recordChars = 0;
  private line = 1;
  private recordLine = 1;
  private delimiter = -1;
  private columns: (Column | undefined)[] | null = null;
  private ordinal = 0;
  private items: ParsedListEntry[] = [];
  private warnings: ParseIssue[] = [];
  private fatalIssue: ParseIssue | null = null;
  private started = false;

  get fatal(): ParseIssue | null {
    return this.fatalIssue;
  }

  push(chunk: string): ParseBatch<ParsedListEntry> {
    if (!this.fatalIssue) this.scan(chunk);
    return this.flush();
  }

  end(): ParseEnd<ParsedListEntry> {
    if (!this.fatalIssue) {
      if (this.state === State.quoted) this.fail({ code: 'quote-not-closed' }, this.recordLine);
      else if (this.fields.length || this.field.length || this.state !== State.fieldStart) this.endRecord();
      if (!this.fatalIssue && this.columns === null) this.fail({ code: 'no-header' }, 1);
    }
    return { ...this.flush(), fatal: this.fatalIssue };
  }

  private flush(): ParseBatch<ParsedListEntry> {
    if (this.fatalIssue) return { items: [], warnings: [] };
    const batch = { items: this.items, warnings: this.warnings };
    this.items = [];
    this.warnings = [];
    return batch;
  }

  private fail(problem: ListProblem, line: number): void {
    this.fatalIssue ??= { ...problem, line };
  }

  private scan(chunk: string): void {
    let i = 0;
    if (!this.started && chunk.length) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < chunk.length; i++) {
      // Fast path, once the header fixed the delimiter: a whole line without quotes is split at once.
      if (
        this.columns !== null &&
        this.recordChars === 0 &&
        this.state === State.fieldStart &&
        !this.fields.length
      ) {
        const nl = chunk.indexOf('\n', i);
        if (nl >= 0 && nl - i <= MAX_RECORD_CHARS) {
          const text = chunk.slice(i, nl);
          const cr = text.indexOf('\r');
          if (!text.includes('"') && (cr < 0 || cr === text.length - 1)) {
            this.line++;
            this.fields = (text.endsWith('\r') ? text.slice(0, -1) : text).split(
              String.fromCharCode(this.delimiter),
            );
            this.field = this.fields.pop() ?? '';
            this.endRecord();
            this.recordLine = this.line;
            if (this.fatalIssue) return;
            i = nl;
            continue;
          }
        }
      }
      const c = chunk.charCodeAt(i);
      if (++this.recordChars > MAX_RECORD_CHARS) {
        this.fail({ code: 'line-too-long', maxChars: MAX_RECORD_CHARS }, this.recordLine);
        return;
      }
      if (c === 0x0a) this.line++;
      switch (this.state) {
        case State.quoted:
          if (c === 0x22) this.state = State.quoteInQuoted;
          else this.field += chunk[i];
          continue;
        case State.quoteInQuoted:
          if (c === 0x22) {
            this.field += '"';
            this.state = State.quoted;
            continue;
          }
          this.state = State.unquoted;
          break;
        case State.fieldStart:
          if (c === 0x22) {
            this.state = State.quoted;
            continue;
          }
          break;
        case State.unquoted:
          break;
      }
      // Outside quotes.
      if (c === 0x0a) {
        this.endRecord();
        this.recordLine = this.line;
      } else if (c === 0x0d) {
        // CR of CRLF: ignored outside quotes.
      } else if (this.isDelimiter(c)) {
        if (this.columns === null) this.delimiterCounts.set(c, (this.delimiterCounts.get(c) ?? 0) + 1);
        this.fields.push(this.field);
        this.field = '';
        this.state = State.fieldStart;
      } else {
        this.field += chunk[i];
        this.state = State.unquoted;
      }
      if (this.fatalIssue) return;
    }
  }

  /** Delimiters seen before the header is read: the most frequent one is the file's delimiter. */
  private readonly delimiterCounts = new Map<number, number>();

  private isDelimiter(c: number): boolean {
    if (this.delimiter >= 0) return c === this.delimiter;
    return c === 0x2c || c === 0x3b || c === 0x09;
  }

  private endRecord(): void {
    this.fields.push(this.field);
    const fields = this.fields;
    this.fields = [];
    this.field = '';
    this.state = State.fieldStart;
    this.recordChars = 0;
    const line = this.recordLine;
    if (fields.length === 1 && fields[0]!.trim() === '') return;
    if (fields[0]!.trimStart().startsWith('#')) return;
    if (this.columns === null) {
      this.readHeader(fields, line);
      if (this.columns === null || this.fatalIssue) return;
      if (!this.headerless) return;
    }
    this.readRow(fields, line);
  }

  private headerless = false;

  private readHeader(fields: string[], line: number): void {
    let best = 0x2c;
    for (const [d, n] of this.delimiterCounts) if (n > (this.delimiterCounts.get(best) ?? 0)) best = d;
    this.delimiter = best;
    const named = fields.map(csvColumnFor);
    if (named.some((c) => c === 'md5' || c === 'sha1' || c === 'sha256' || c === 'pdq')) {
      this.columns = named;
      return;
    }
    const byLength = fields.map((f) => {
      const v = f.trim();
      if (normalizeHexHash(v, 'md5')) return 'md5' as const;
      if (normalizeHexHash(v, 'sha1')) return 'sha1' as const;
      if (normalizeHexHash(v, 'sha256')) return 'sha256' as const;
      return undefined;
    });
    if (byLength.length && byLength.every((c) => c !== undefined)) {
      this.columns = byLength;
      this.headerless = true;
      return;
    }
    this.fail({ code: 'not-a-header', text: quote(fields.join(',')) }, line);
  }

  private readRow(fields: string[], line: number): void {
    this.ordinal++;
    const entry: { -readonly [K in keyof ParsedListEntry]: ParsedListEntry[K] } = {
      ordinal: this.ordinal,
      line,
    };
    const warn = (problem: ListProblem) => this.warnings.push({ ...problem, line, entry: this.ordinal });
    const columns = this.columns!;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i];
      const raw = fields[i]?.trim() ?? '';
      if (!column || raw === '') continue;
      switch (column) {
        case 'md5':
        case 'sha1':
        case 'sha256': {
          const hex = normalizeHexHash(raw, column);
          if (hex) entry[column] = hex;
          else warn({ code: 'bad-hash', hash: column, value: quote(raw) });
          break;
        }
        case 'pdq': {
          const pdq = parsePdqHex(raw);
          if (pdq) entry.pdq = pdq;
          else warn({ code: 'bad-hash', hash: 'pdq', value: quote(raw) });
          break;
        }
        case 'pdqQuality': {
          const q = Number(raw);
          if (Number.isInteger(q) && q >= 0 && q <= 100) entry.pdqQuality = q;
          else warn({ code: 'bad-quality', value: quote(raw, 20) });
          break;
        }
        case 'category': {
          const n = Number(raw);
          if (Number.isSafeInteger(n)) entry.category = n;
          else if (/^(null|none|uncategori[sz]ed)$/i.test(raw)) entry.category = null;
          else warn({ code: 'bad-category', value: quote(raw, 20) });
          break;
        }
        case 'series':
          entry.series = raw;
          break;
        case 'label':
          entry.label = raw;
          break;
      }
    }
    if (!hasAnyHash(entry)) {
      warn({ code: 'no-hash' });
      return;
    }
    this.items.push(entry);
  }
}
