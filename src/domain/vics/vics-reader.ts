/**
 * Streams a VICS JSON file (Project VIC 1.x or 2.0; a case file or a hash set) into media records.
 *
 * Shapes: `{ "@odata.context"|"odata.metadata", "value": [...] }` where `value[i]` is either a case
 * (with `Media[]`) or, in a hash set, a media record itself. Each `value[i]` is told apart on its own
 * (a record with `Media` is a case), so the first record decides nothing it should not.
 * Invariants: media records are handed over one by one (memory holds one record, never the file);
 * the header may come before or after `value`; counters in the file (`TotalMediaFiles`) are checked
 * against the data and only warned about; a JSON syntax error or a root without a `value` list is
 * fatal.
 */
import { quote } from '../hashlists/list-problem';
import type { ChunkParser, ParseBatch, ParseEnd, ParseIssue } from '../hashlists/stream-parser';
import {
  JsonStreamParser,
  type JsonSyntaxError,
  type JsonObject,
  type JsonPath,
  type JsonPosition,
  type JsonValue,
} from './json-stream';
import { readVicsMedia, type VicsMedia } from './vics-media';
import { isBad, readDate, readInteger, readString } from './vics-values';

export interface VicsHeader {
  /** The `@odata.context` (2.0) or `odata.metadata` (1.x) URL, as written. */
  readonly context?: string;
  /** "1.1" … "1.3", "2.0"; undefined when the header is missing or unrecognized. */
  readonly version?: string;
  /** The 2.0 scheme segment: US, UK, CUSTOM, Default (decides how Category numbers read). */
  readonly segment?: string;
  /** "Cases" or "Media", after the `#`. */
  readonly target?: string;
}

export interface VicsCaseInfo {
  readonly index: number;
  readonly caseId?: string;
  readonly caseNumber?: string;
  readonly contactName?: string;
  readonly contactOrganization?: string;
  readonly contactEmail?: string;
  readonly seizureDate?: string;
  readonly sourceApplicationName?: string;
  readonly sourceApplicationVersion?: string;
  /** As the file claims; often wrong in real files. */
  readonly totalMediaFiles?: number;
  /** Media records actually found in this case (skipped ones included). */
  readonly mediaCount: number;
}

const CONTEXT = /DataModels\/(\d+(?:\.\d+)?)\.xml(?:\/([A-Za-z]+))?(?:\/\$metadata)?#(\w+)/;

export function parseVicsContext(context: string): VicsHeader {
  const m = CONTEXT.exec(context);
  if (!m) return { context };
  return {
    context,
    version: m[1]!,
    ...(m[2] ? { segment: m[2] } : {}),
    target: m[3]!,
  };
}

const notJson = (error: JsonSyntaxError): ParseIssue => ({
  code: 'not-json',
  syntax: error.syntax,
  text: quote(error.text, 24),
  line: error.line,
  column: error.column,
});

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class VicsStreamReader implements ChunkParser<VicsMedia> {
  private readonly json: JsonStreamParser;
  private items: VicsMedia[] = [];
  private warnings: ParseIssue[] = [];
  private entries = 0;
  private readonly mediaPerCase = new Map<number, number>();
  private readonly caseList: VicsCaseInfo[] = [];
  private fatalIssue: ParseIssue | null = null;
  private headerValue: VicsHeader = {};

  constructor() {
    this.json = new JsonStreamParser({
      detachDepths: new Set([2, 4]),
      detach: (path) => path[0] === 'value' && (path.length === 2 || path[2] === 'Media'),
      onValue: (path, value, start) => this.onRecord(path, value, start),
      // A case (a record holding Media) is streamed so its media come one by one; media records are
      // small and may be parsed whole.
      acceptWhole: (path, value) => path.length === 4 || !isObject(value) || !('Media' in value),
    });
  }

  get fatal(): ParseIssue | null {
    return this.fatalIssue;
  }

  /** Available after end(). */
  get header(): VicsHeader {
    return this.headerValue;
  }

  /** Available after end(): one per case in a case file, none in a hash set. */
  get cases(): readonly VicsCaseInfo[] {
    return this.caseList;
  }

  /** Media records seen so far, skipped ones included. */
  get entryCount(): number {
    return this.entries;
  }

  push(chunk: string): ParseBatch<VicsMedia> {
    if (this.fatalIssue) return { items: [], warnings: [] };
    const error = this.json.push(chunk);
    if (error) this.fatalIssue = notJson(error);
    return this.flush();
  }

  end(): ParseEnd<VicsMedia> {
    if (!this.fatalIssue) {
      const error = this.json.end();
      if (error) this.fatalIssue = notJson(error);
      else this.finish();
    }
    return { ...this.flush(), fatal: this.fatalIssue };
  }

  private flush(): ParseBatch<VicsMedia> {
    if (this.fatalIssue) {
      this.items = [];
      this.warnings = [];
      return { items: [], warnings: [] };
    }
    const batch = { items: this.items, warnings: this.warnings };
    this.items = [];
    this.warnings = [];
    return batch;
  }

  private onRecord(path: JsonPath, value: JsonValue, start: JsonPosition): void {
    const caseIndex = path[1] as number;
    if (path.length === 4) {
      this.mediaPerCase.set(caseIndex, (this.mediaPerCase.get(caseIndex) ?? 0) + 1);
      this.readMedia(value, start, caseIndex);
      return;
    }
    if (isObject(value) && (this.mediaPerCase.has(caseIndex) || 'Media' in value)) {
      this.readCase(value, caseIndex, start);
    } else {
      this.readMedia(value, start);
    }
  }

  private readMedia(value: JsonValue, start: JsonPosition, caseIndex?: number): void {
    this.entries++;
    const { media, warnings } = readVicsMedia(value, { entry: this.entries, ...start }, caseIndex);
    if (media) this.items.push(media);
    for (const w of warnings) this.warnings.push(w);
  }

  private readCase(value: JsonObject, index: number, start: JsonPosition): void {
    const mediaCount = this.mediaPerCase.get(index) ?? 0;
    const text = (key: string) => {
      const s = readString(value[key]);
      return typeof s === 'string' ? s : undefined;
    };
    const total = readInteger(value.TotalMediaFiles);
    const seizure = readDate(value.SeizureDate);
    const info: VicsCaseInfo = Object.fromEntries(
      Object.entries({
        index,
        caseId: text('CaseID'),
        caseNumber: text('CaseNumber'),
        contactName: text('ContactName'),
        contactOrganization: text('ContactOrganization'),
        contactEmail: text('ContactEmail'),
        seizureDate: typeof seizure === 'string' ? seizure : undefined,
        sourceApplicationName: text('SourceApplicationName'),
        sourceApplicationVersion: text('SourceApplicationVersion'),
        totalMediaFiles: typeof total === 'number' ? total : undefined,
        mediaCount,
      }).filter(([, v]) => v !== undefined),
    ) as unknown as VicsCaseInfo;
    this.caseList.push(info);
    if (value.Media !== undefined && !Array.isArray(value.Media))
      this.warnings.push({ code: 'case-media-not-list', caseNumber: index + 1, ...start });
    if (isBad(total))
      this.warnings.push({
        code: 'case-total-unreadable',
        caseNumber: index + 1,
        found: total.found,
        ...start,
      });
    else if (typeof total === 'number' && total !== mediaCount)
      this.warnings.push({
        code: 'case-total-mismatch',
        caseNumber: index + 1,
        declared: total,
        found: mediaCount,
        ...start,
      });
  }

  private finish(): void {
    const root = this.json.root;
    if (!isObject(root)) {
      this.fatalIssue = { code: 'vics-not-object', line: 1, column: 1 };
      return;
    }
    if (!Array.isArray(root.value)) {
      this.fatalIssue = { code: 'vics-no-value-list', line: 1, column: 1 };
      return;
    }
    const context = readString(root['@odata.context'] ?? root['odata.metadata']);
    if (typeof context === 'string') {
      this.headerValue = parseVicsContext(context);
      if (!this.headerValue.version)
        this.warnings.push({ code: 'unknown-data-model', context: quote(context, 200), line: 1 });
    } else {
      this.warnings.push({ code: 'no-data-model', line: 1 });
    }
  }
}
