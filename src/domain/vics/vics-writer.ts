/**
 * Writes VICS 2.0 JSON: a case file (`#Cases`, for another workbench) and a hash set (`#Media`, for
 * partners). Output is produced as chunks, one media record per chunk, so a case of any size streams
 * to a file or a Blob without being held twice.
 *
 * Invariants: only Project VIC field names are written (never our own extras); every value goes
 * through JSON.stringify (no string is pasted into the output); hashes in their canonical hex (MD5 and
 * SHA1 upper-case, as VICS keys are commonly written), a malformed one left out; numbers only finite
 * numbers; booleans as JSON booleans; dates ISO-8601; PDQ (and SHA-256, which the 2.0 model has no field for)
 * travel in `AlternativeHashes`. A hash set carries hashes and categories only: no paths, names,
 * series, comments or EXIF.
 */
import { CategorySchemeId } from '../case/category-schemes';
import type { PdqHex } from '../hashing/pdq-hex';
import type { SignalType } from '../signals/signal-type';
import { SIGNALS } from '../signals/signals';

export const VicsSegment = { us: 'US', uk: 'UK', custom: 'CUSTOM', default: 'Default' } as const;
export type VicsSegment = (typeof VicsSegment)[keyof typeof VicsSegment];

/** The segment a case's category scheme is exported under (schemes without a VICS segment: CUSTOM). */
export function vicsSegmentForScheme(schemeId: string | null): VicsSegment {
  if (schemeId === CategorySchemeId.vicUs) return VicsSegment.us;
  if (schemeId === CategorySchemeId.ukCaid) return VicsSegment.uk;
  return VicsSegment.custom;
}

export function vicsContext(segment: VicsSegment, target: 'Cases' | 'Media'): string {
  return `http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/${segment}/$metadata#${target}`;
}

export interface VicsExportFile {
  readonly fileName: string;
  readonly filePath: string;
  readonly created?: string;
  readonly written?: string;
  readonly accessed?: string;
  readonly unallocated?: boolean;
  readonly deleted?: boolean;
}

/** One media item of a case as the workspace hands it to the exporter. */
export interface VicsExportMedia {
  readonly mediaId?: number;
  readonly md5: string;
  readonly sha1?: string;
  readonly sha256?: string;
  readonly pdq?: PdqHex;
  /** The category number in the export's scheme; null = uncategorized. */
  readonly category: number | null;
  readonly series?: string;
  readonly tags?: string;
  readonly comments?: string;
  readonly victimIdentified?: boolean;
  readonly offenderIdentified?: boolean;
  readonly isDistributed?: boolean;
  readonly isSuspected?: boolean;
  readonly isPrecategorized?: boolean;
  readonly precategorizationSource?: string;
  readonly mediaSize?: number;
  readonly mimeType?: string;
  readonly dateUpdated?: string;
  readonly relativeFilePath?: string;
  readonly files: readonly VicsExportFile[];
  readonly exif: readonly { readonly name: string; readonly value: string }[];
  /** `MediaMetadata` properties (a video's facts: vics-video.ts). */
  readonly metadata?: readonly { readonly name: string; readonly value: string }[];
}

export interface VicsExportCase {
  readonly caseId: string;
  readonly caseNumber?: string;
  readonly contactName?: string;
  readonly contactOrganization?: string;
  readonly contactEmail?: string;
  readonly seizureDate?: string;
  readonly segment: VicsSegment;
  readonly sourceApplicationName: string;
  readonly sourceApplicationVersion: string;
  readonly media: Iterable<VicsExportMedia>;
}

/** What a partner receives per item: hashes and category, nothing that could identify or show anything. */
export interface SignatureRecord {
  readonly md5?: string;
  readonly sha1?: string;
  readonly sha256?: string;
  readonly pdq?: PdqHex;
  readonly category?: number | null;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };
type Fields = [string, Json | undefined][];

/**
 * An object of the fields that have a value, in the given order. Every value is serialized by
 * JSON.stringify, never pasted in as text: whatever a record holds (a case name, a path, a number that
 * arrived as a string), it cannot break out of its field.
 */
function object(fields: Fields): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const [key, value] of fields) if (value !== undefined) out[key] = value;
  return out;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
/** A finite number, or null where the model allows "none"; anything else is left out. */
const num = (v: unknown) => (v === null ? null : typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
/** A hash in its canonical form (upper-case for VICS's MD5 and SHA1 keys); a malformed one is left out. */
const hash = (type: SignalType, v: unknown, upper = false) => {
  const value = typeof v === 'string' ? SIGNALS[type].normalize(v) : null;
  return value === null ? undefined : upper ? value.toUpperCase() : value;
};

function alternativeHashes(pdq: unknown, sha256: unknown): Json[] | undefined {
  const items: Json[] = [];
  const p = hash('pdq', pdq);
  if (p)
    items.push(
      object([
        ['HashName', 'PDQ'],
        ['HashValue', p],
      ]),
    );
  const s = hash('sha256', sha256);
  if (s)
    items.push(
      object([
        ['HashName', 'SHA256'],
        ['HashValue', s],
      ]),
    );
  return items.length ? items : undefined;
}

function mediaJson(m: VicsExportMedia, mediaId: number): string {
  const md5 = hash('md5', m.md5, true);
  const files = m.files.map((f) =>
    object([
      ['MD5', md5],
      ['FileName', str(f.fileName)],
      ['FilePath', str(f.filePath)],
      ['Created', str(f.created)],
      ['Written', str(f.written)],
      ['Accessed', str(f.accessed)],
      ['Unallocated', bool(f.unallocated)],
      ['Deleted', bool(f.deleted)],
    ]),
  );
  const properties = (list: readonly { readonly name: string; readonly value: string }[]) =>
    list.map((e) =>
      object([
        ['PropertyName', str(e.name)],
        ['PropertyValue', str(e.value)],
      ]),
    );
  const exifs = properties(m.exif);
  const metadata = properties(m.metadata ?? []);
  return JSON.stringify(
    object([
      ['MediaID', num(m.mediaId ?? mediaId)],
      ['Category', num(m.category)],
      ['MD5', md5],
      ['SHA1', hash('sha1', m.sha1, true)],
      ['MediaSize', num(m.mediaSize)],
      ['MimeType', str(m.mimeType)],
      ['DateUpdated', str(m.dateUpdated)],
      ['RelativeFilePath', str(m.relativeFilePath)],
      ['Series', str(m.series)],
      ['Tags', str(m.tags)],
      ['Comments', str(m.comments)],
      ['VictimIdentified', bool(m.victimIdentified)],
      ['OffenderIdentified', bool(m.offenderIdentified)],
      ['IsDistributed', bool(m.isDistributed)],
      ['IsSuspected', bool(m.isSuspected)],
      ['IsPrecategorized', bool(m.isPrecategorized)],
      ['PrecategorizationSource', str(m.precategorizationSource)],
      ['AlternativeHashes', alternativeHashes(m.pdq, m.sha256)],
      ['Exifs', exifs.length ? exifs : undefined],
      ['MediaMetadata', metadata.length ? metadata : undefined],
      ['MediaFiles', files],
    ]),
  );
}

/** A case as VICS 2.0 JSON, in chunks. `TotalMediaFiles` is written after `Media` (its true count). */
export function* vicsCaseChunks(c: VicsExportCase): Generator<string> {
  yield `{"@odata.context":${JSON.stringify(vicsContext(c.segment, 'Cases'))},"value":[{`;
  const head = JSON.stringify(
    object([
      ['CaseID', str(c.caseId)],
      ['CaseNumber', str(c.caseNumber)],
      ['ContactName', str(c.contactName)],
      ['ContactOrganization', str(c.contactOrganization)],
      ['ContactEmail', str(c.contactEmail)],
      ['SeizureDate', str(c.seizureDate)],
      ['SourceApplicationName', str(c.sourceApplicationName)],
      ['SourceApplicationVersion', str(c.sourceApplicationVersion)],
    ]),
  );
  yield `${head.slice(1, -1)},"Media":[`;
  let count = 0;
  for (const m of c.media) {
    count++;
    yield `${count > 1 ? ',' : ''}\n${mediaJson(m, count)}`;
  }
  yield `\n],"TotalMediaFiles":${count}}]}\n`;
}

export function writeVicsCase(c: VicsExportCase): string {
  return [...vicsCaseChunks(c)].join('');
}

/**
 * A signature list as a VICS 2.0 hash set (`#Media`). MD5 is the model's key, so records without
 * one are left out and reported through `onSkip`; use the CSV form for PDQ-only lists.
 */
export function* vicsHashSetChunks(
  records: Iterable<SignatureRecord>,
  options: { segment: VicsSegment; onSkip?: (record: SignatureRecord) => void },
): Generator<string> {
  yield `{"@odata.context":${JSON.stringify(vicsContext(options.segment, 'Media'))},"value":[`;
  let count = 0;
  for (const r of records) {
    if (!r.md5) {
      options.onSkip?.(r);
      continue;
    }
    const md5 = hash('md5', r.md5, true);
    if (!md5) {
      options.onSkip?.(r);
      continue;
    }
    count++;
    const record = JSON.stringify(
      object([
        ['MediaID', count],
        ['Category', num(r.category ?? null)],
        ['MD5', md5],
        ['SHA1', hash('sha1', r.sha1, true)],
        ['AlternativeHashes', alternativeHashes(r.pdq, r.sha256)],
      ]),
    );
    yield `${count > 1 ? ',' : ''}\n${record}`;
  }
  yield '\n]}\n';
}

/** The signatures of a case's media: what may leave the unit for a partner. */
export function* caseSignatures(media: Iterable<VicsExportMedia>): Generator<SignatureRecord> {
  for (const m of media) {
    yield {
      md5: m.md5.toLowerCase(),
      ...(m.sha1 ? { sha1: m.sha1.toLowerCase() } : {}),
      ...(m.sha256 ? { sha256: m.sha256.toLowerCase() } : {}),
      ...(m.pdq ? { pdq: m.pdq } : {}),
      category: m.category,
    };
  }
}
