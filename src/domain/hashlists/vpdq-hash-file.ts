/**
 * vPDQ hash files in the reference text format (ThreatExchange `vpdq/`, its `sample-hashes/`): one line
 * per hashed frame, `frameNumber,quality,pdqHex,timestampSeconds`, timestamps printed with 3 decimals.
 * One file holds one video; a list of known videos is several such files (a folder or a ZIP), and each
 * file's name (without its extension) names the entry.
 *
 * Reading is lenient where real files vary (CRLF, a byte-order mark, blank lines, `#` comments,
 * spaces after commas, upper-case hex, no timestamp as older versions wrote them: UNKNOWN_TIMESTAMP) and strict where a value would be wrong:
 * a line whose frame, quality or hash cannot be read is skipped with a warning naming it. Fatal: a file
 * with no readable frame line, or with a line over 4 KB (not a hash file).
 */
import { parsePdqHex } from '../hashing/pdq-hex';
import { UNKNOWN_TIMESTAMP, type VpdqFeature } from '../video/vpdq-feature';
import type { ParseIssue } from './stream-parser';

const MAX_LINE_CHARS = 4096;
const LINE = /^\s*(\d{1,10})\s*,\s*(\d{1,3})\s*,\s*([0-9a-fA-F]{64})\s*(?:,\s*([0-9]+(?:\.[0-9]*)?)\s*)?$/;

export interface VpdqHashFile {
  readonly features: VpdqFeature[];
  readonly warnings: ParseIssue[];
}

export type VpdqHashFileResult =
  | ({ readonly ok: true } & VpdqHashFile)
  | { readonly ok: false; readonly fatal: ParseIssue; readonly warnings: ParseIssue[] };

/** Does this text start like a vPDQ hash file? (first content line is `frame,quality,hex[,time]`) */
export function looksLikeVpdqHashFile(head: string): boolean {
  for (const raw of head.replace(/^\uFEFF/, '').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    return LINE.test(line);
  }
  return false;
}

export function parseVpdqHashFile(text: string): VpdqHashFileResult {
  const features: VpdqFeature[] = [];
  const warnings: ParseIssue[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = i + 1;
    if (raw.length > MAX_LINE_CHARS)
      return {
        ok: false,
        fatal: { code: 'line-too-long', maxChars: MAX_LINE_CHARS, line },
        warnings,
      };
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const m = LINE.exec(trimmed);
    if (!m) {
      warnings.push({ code: 'not-frame-line', line });
      continue;
    }
    const quality = Number(m[2]);
    if (quality > 100) {
      warnings.push({ code: 'frame-quality-over-100', quality, line });
      continue;
    }
    const frame = Number(m[1]);
    features.push({
      frame,
      quality,
      pdq: parsePdqHex(m[3]!)!,
      timestamp: m[4] === undefined ? UNKNOWN_TIMESTAMP : Number(m[4]),
    });
  }
  if (features.length === 0)
    return {
      ok: false,
      fatal:
        warnings.length > 0
          ? { code: 'no-usable-entry', skipped: warnings.length, line: 1 }
          : { code: 'no-entries', line: 1 },
      warnings,
    };
  return { ok: true, features, warnings };
}

/** The reference text form: one `frame,quality,hex,seconds` line per frame, each ended by a newline. */
export function writeVpdqHashFile(features: Iterable<VpdqFeature>): string {
  let out = '';
  for (const f of features)
    out += `${f.frame},${f.quality},${f.pdq},${f.timestamp >= 0 ? f.timestamp.toFixed(3) : ''}\n`;
  return out;
}

/** The entry name of a hash file: its base name without the last extension (`a/b/clip.mp4.txt` → `clip.mp4`). */
export function vpdqEntryName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
