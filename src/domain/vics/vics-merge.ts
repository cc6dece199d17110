/**
 * Real VICS files list one file several times (one media record per copy, per case, per export run).
 * A case import wants one item per content: this folds records that share a hash (MD5, else SHA-1,
 * else SHA-256, else PDQ) into one, as they stream in.
 *
 * Rules: paths and EXIF are united (without repeats); hashes fill in what one record lacks; a flag is
 * true when any record says so; the first category and series win, and a later record that claims a
 * different category is reported (the analyst decides), never silently applied.
 */
import type { ParseIssue } from '../hashlists/stream-parser';
import type { VicsMedia, VicsMediaFile, VicsProperty } from './vics-media';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const FLAGS = [
  'victimIdentified',
  'offenderIdentified',
  'isDistributed',
  'isPrecategorized',
  'isSuspected',
] as const;
const FILL = [
  'md5',
  'sha1',
  'sha256',
  'pdq',
  'series',
  'mediaId',
  'photoDna',
  'tags',
  'comments',
  'mediaSize',
  'mimeType',
  'dateUpdated',
  'relativeFilePath',
  'precategorizationSource',
] as const;

const keyOf = (m: VicsMedia) =>
  m.md5 ? `md5:${m.md5}` : m.sha1 ? `sha1:${m.sha1}` : m.sha256 ? `sha256:${m.sha256}` : `pdq:${m.pdq}`;

export class VicsMediaMerger {
  private readonly byKey = new Map<string, Mutable<VicsMedia>>();
  private mergedCount = 0;

  /** Records folded into an earlier one so far. */
  get merged(): number {
    return this.mergedCount;
  }

  /** Adds a record; returns warnings about category disagreements. */
  add(m: VicsMedia): ParseIssue[] {
    const key = keyOf(m);
    const prev = this.byKey.get(key);
    if (!prev) {
      this.byKey.set(key, { ...m, files: [...m.files], exifs: [...m.exifs], metadata: [...m.metadata] });
      return [];
    }
    this.mergedCount++;
    const warnings: ParseIssue[] = [];
    for (const k of FILL)
      if (prev[k] === undefined && m[k] !== undefined) (prev as Record<string, unknown>)[k] = m[k];
    for (const k of FLAGS) if (m[k] === true) prev[k] = true;
    if (prev.category === undefined || prev.category === null) {
      if (m.category !== undefined) prev.category = m.category;
    } else if (m.category !== undefined && m.category !== null && m.category !== prev.category) {
      warnings.push({
        code: 'category-conflict',
        firstEntry: prev.entry,
        category: m.category,
        kept: prev.category,
        line: m.line,
        column: m.column,
        entry: m.entry,
      });
    }
    prev.files = unite(prev.files, m.files, (f: VicsMediaFile) => `${f.filePath ?? ''}|${f.fileName ?? ''}`);
    prev.exifs = unite(prev.exifs, m.exifs, (p: VicsProperty) => `${p.name}\u0000${p.value}`);
    prev.metadata = unite(prev.metadata, m.metadata, (p: VicsProperty) => `${p.name}\u0000${p.value}`);
    return warnings;
  }

  /** One record per content, in order of first appearance. */
  media(): VicsMedia[] {
    return [...this.byKey.values()];
  }
}

function unite<T>(a: readonly T[], b: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set(a.map(key));
  const out = [...a];
  for (const t of b) {
    const k = key(t);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(t);
    }
  }
  return out;
}
