/**
 * One VICS media record as Waymark reads it: field names follow the Project VIC data model (1.x and
 * 2.0 share them), values normalized (hashes lower-case, dates ISO-8601 UTC, booleans real booleans).
 * Unknown fields are ignored; a field that cannot be read is dropped with a warning, and a record with
 * no usable hash at all is skipped with a warning.
 */
import { quote, type JsonKind, type ListProblem } from '../hashlists/list-problem';
import type { ParseIssue } from '../hashlists/stream-parser';
import { parsePdqHex, type PdqHex } from '../hashing/pdq-hex';
import type { JsonObject, JsonValue } from './json-stream';
import { isBad, readBoolean, readDate, readHexHash, readInteger, readString, type Read } from './vics-values';

export interface VicsProperty {
  readonly name: string;
  readonly value: string;
}

export interface VicsMediaFile {
  readonly md5?: string;
  readonly fileName?: string;
  readonly filePath?: string;
  readonly created?: string;
  readonly written?: string;
  readonly accessed?: string;
  readonly unallocated?: boolean;
  readonly deleted?: boolean;
}

export interface VicsMedia {
  /** 1-based ordinal of the record in the file (records of every case counted in order). */
  readonly entry: number;
  readonly line: number;
  readonly column: number;
  /** 0-based index of the case in `value[]` for case files; undefined in a hash set. */
  readonly caseIndex?: number;
  readonly mediaId?: number;
  /** The category number in the file's scheme; null = explicitly uncategorized; undefined = absent. */
  readonly category?: number | null;
  readonly md5?: string;
  readonly sha1?: string;
  /** From `SHA256` or an `AlternativeHashes` entry named SHA256 / SHA-256. */
  readonly sha256?: string;
  /** From an `AlternativeHashes` entry named PDQ. */
  readonly pdq?: PdqHex;
  readonly photoDna?: string;
  readonly series?: string;
  readonly tags?: string;
  readonly comments?: string;
  readonly mediaSize?: number;
  readonly mimeType?: string;
  readonly dateUpdated?: string;
  readonly relativeFilePath?: string;
  readonly victimIdentified?: boolean;
  readonly offenderIdentified?: boolean;
  readonly isDistributed?: boolean;
  readonly isPrecategorized?: boolean;
  readonly precategorizationSource?: string;
  readonly isSuspected?: boolean;
  readonly files: readonly VicsMediaFile[];
  readonly exifs: readonly VicsProperty[];
  readonly metadata: readonly VicsProperty[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface RecordPosition {
  readonly entry: number;
  readonly line: number;
  readonly column: number;
}

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads one media record; `media` is null when the record is skipped (the warnings say why). */
export function readVicsMedia(
  value: JsonValue,
  at: RecordPosition,
  caseIndex?: number,
): { media: VicsMedia | null; warnings: ParseIssue[] } {
  const warnings: ParseIssue[] = [];
  const warn = (problem: ListProblem) =>
    warnings.push({ ...problem, line: at.line, column: at.column, entry: at.entry });
  if (!isObject(value)) {
    warn({ code: 'entry-not-object', found: jsonKind(value) });
    return { media: null, warnings };
  }
  const take = <T>(field: string, read: Read<T> | null): T | undefined => {
    if (isBad(read)) {
      warn({ code: 'field-unreadable', field, expected: read.bad, found: read.found });
      return undefined;
    }
    return read === null ? undefined : read;
  };
  const m: Mutable<VicsMedia> = {
    entry: at.entry,
    line: at.line,
    column: at.column,
    files: [],
    exifs: [],
    metadata: [],
  };
  if (caseIndex !== undefined) m.caseIndex = caseIndex;
  const set = <K extends keyof VicsMedia>(key: K, v: VicsMedia[K] | undefined) => {
    if (v !== undefined) m[key] = v;
  };

  set('mediaId', take('MediaID', readInteger(value.MediaID)));
  const category = readInteger(value.Category);
  if (category === null) m.category = null;
  else set('category', take('Category', category));
  set('md5', take('MD5', readHexHash(value.MD5, 'md5')));
  set('sha1', take('SHA1', readHexHash(value.SHA1, 'sha1')));
  set('sha256', take('SHA256', readHexHash(value.SHA256, 'sha256')));
  set('photoDna', take('PhotoDNA', readString(value.PhotoDNA)));
  set('series', take('Series', readString(value.Series)));
  set('tags', take('Tags', readString(value.Tags)));
  set('comments', take('Comments', readString(value.Comments)));
  const size = take('MediaSize', readInteger(value.MediaSize));
  if (size !== undefined && size >= 0) m.mediaSize = size;
  set('mimeType', take('MimeType', readString(value.MimeType)));
  set('dateUpdated', take('DateUpdated', readDate(value.DateUpdated)));
  set('relativeFilePath', take('RelativeFilePath', readString(value.RelativeFilePath)));
  set('victimIdentified', take('VictimIdentified', readBoolean(value.VictimIdentified)));
  set('offenderIdentified', take('OffenderIdentified', readBoolean(value.OffenderIdentified)));
  set('isDistributed', take('IsDistributed', readBoolean(value.IsDistributed)));
  set('isPrecategorized', take('IsPrecategorized', readBoolean(value.IsPrecategorized)));
  set('precategorizationSource', take('PrecategorizationSource', readString(value.PrecategorizationSource)));
  set('isSuspected', take('IsSuspected', readBoolean(value.IsSuspected)));

  readAlternativeHashes(value.AlternativeHashes, m, warn);
  m.files = readList(value.MediaFiles, 'MediaFiles', warn, readMediaFile);
  m.exifs = readList(value.Exifs, 'Exifs', warn, readProperty);
  m.metadata = readList(value.MediaMetadata, 'MediaMetadata', warn, readProperty);

  if (!m.md5 && !m.sha1 && !m.sha256 && !m.pdq) {
    warn({ code: 'no-hash' });
    return { media: null, warnings };
  }
  return { media: m, warnings };
}

function readAlternativeHashes(
  value: JsonValue | undefined,
  m: Mutable<VicsMedia>,
  warn: (problem: ListProblem) => void,
): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    warn({ code: 'field-not-list', field: 'AlternativeHashes' });
    return;
  }
  for (const item of value) {
    if (!isObject(item)) continue;
    const name = readString(item.HashName);
    const hash = readString(item.HashValue);
    if (typeof name !== 'string' || typeof hash !== 'string') continue;
    const kind = name.trim().toUpperCase().replace(/[-_ ]/g, '');
    if (kind === 'PDQ') {
      const pdq = parsePdqHex(hash);
      if (pdq) m.pdq = pdq;
      else warn({ code: 'bad-hash', hash: 'pdq', value: quote(hash) });
    } else if (kind === 'SHA256' && !m.sha256) {
      const sha = readHexHash(hash, 'sha256');
      if (typeof sha === 'string') m.sha256 = sha;
      else warn({ code: 'bad-hash', hash: 'sha256', value: quote(hash) });
    }
  }
}

function readList<T>(
  value: JsonValue | undefined,
  field: string,
  warn: (problem: ListProblem) => void,
  read: (item: JsonObject) => T | null,
): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warn({ code: 'field-not-list', field });
    return [];
  }
  const out: T[] = [];
  let dropped = 0;
  for (const item of value) {
    const v = isObject(item) ? read(item) : null;
    if (v === null) dropped++;
    else out.push(v);
  }
  if (dropped) warn({ code: 'items-unreadable', field, count: dropped });
  return out;
}

function jsonKind(value: JsonValue): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'string' | 'number' | 'boolean';
}

function readProperty(item: JsonObject): VicsProperty | null {
  const name = readString(item.PropertyName);
  const value = readString(item.PropertyValue);
  if (typeof name !== 'string') return null;
  return { name, value: typeof value === 'string' ? value : '' };
}

function readMediaFile(item: JsonObject): VicsMediaFile | null {
  const f: Mutable<VicsMediaFile> = {};
  const str = (v: JsonValue | undefined) => {
    const s = readString(v);
    return typeof s === 'string' ? s : undefined;
  };
  const md5 = readHexHash(item.MD5, 'md5');
  if (typeof md5 === 'string') f.md5 = md5;
  const fileName = str(item.FileName);
  if (fileName !== undefined) f.fileName = fileName;
  const filePath = str(item.FilePath);
  if (filePath !== undefined) f.filePath = filePath;
  for (const key of ['Created', 'Written', 'Accessed'] as const) {
    const d = readDate(item[key]);
    if (typeof d === 'string')
      f[key === 'Created' ? 'created' : key === 'Written' ? 'written' : 'accessed'] = d;
  }
  const unallocated = readBoolean(item.Unallocated);
  if (typeof unallocated === 'boolean') f.unallocated = unallocated;
  const deleted = readBoolean(item.Deleted);
  if (typeof deleted === 'boolean') f.deleted = deleted;
  return f.fileName !== undefined || f.filePath !== undefined || f.md5 !== undefined ? f : null;
}
