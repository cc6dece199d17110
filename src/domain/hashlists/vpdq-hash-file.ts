/**
 * vPDQ hash files in the reference text format (ThreatExchange `vpdq/`, its `sample-hashes/`): one line
 * per hashed frame, `frameNumber,quality,pdqHex,timestampSeconds`, timestamps printed with 3 decimals.
 * One file holds one video; a list of known videos is several such files (a folder or a ZIP), and each
 * file's name (without its extension) names the entry.
 *
 * Reading is lenient where real files vary (CRLF, a byte-order mark, blank lines, `#` comments,
 * spaces around values, upper-case hex, no timestamp as older versions wrote them: UNKNOWN_TIMESTAMP)
 * and strict where a value would be wrong: one frame line that cannot be read fails the whole file
 * (a video's signature with frames silently missing would match with wrong shares), with a problem
 * naming the line and what is wrong in it. In a list, that file is left out and the others load.
 */
import { parsePdqHex } from '../hashing/pdq-hex';
import { UNKNOWN_TIMESTAMP, type VpdqFeature } from '../video/vpdq-feature';
import { quote } from './list-problem';
import type { ParseIssue } from './stream-parser';

const MAX_LINE_CHARS = 4096;
const LINE = /^\s*(\d{1,10})\s*,\s*(\d{1,3})\s*,\s*([0-9a-fA-F]{64})\s*(?:,\s*([0-9]+(?:\.[0-9]*)?)\s*)?$/;
const WHOLE = /^\d{1,10}$/;
const SECONDS = /^[0-9]+(?:\.[0-9]*)?$/;

export type VpdqHashFileResult =
  | { readonly ok: true; readonly features: VpdqFeature[] }
  | { readonly ok: false; readonly fatal: ParseIssue };

/** Does this text start like a vPDQ hash file? (first content line is `frame,quality,hex[,time]`) */
export function looksLikeVpdqHashFile(head: string): boolean {
  for (const raw of head.replace(/^\uFEFF/, '').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    return LINE.test(line);
  }
  return false;
}

/** What is wrong with a content line that is not a frame line (the first field in error). */
function lineProblem(text: string, line: number): ParseIssue {
  const fields = text.split(',').map((f) => f.trim());
  if (fields.length < 3 || fields.length > 4)
    return { code: 'frame-line-fields', found: fields.length, text: quote(text), line };
  const [frame, quality, hex, timestamp] = fields as [string, string, string, string | undefined];
  if (!WHOLE.test(frame)) return { code: 'frame-bad-number', field: 'frame', value: quote(frame), line };
  if (!/^\d{1,3}$/.test(quality))
    return { code: 'frame-bad-number', field: 'quality', value: quote(quality), line };
  if (!parsePdqHex(hex)) return { code: 'frame-bad-hash', value: quote(hex), line };
  if (timestamp !== undefined && timestamp !== '' && !SECONDS.test(timestamp))
    return { code: 'frame-bad-number', field: 'timestamp', value: quote(timestamp), line };
  return { code: 'frame-line-fields', found: fields.length, text: quote(text), line };
}

export function parseVpdqHashFile(text: string): VpdqHashFileResult {
  const features: VpdqFeature[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = i + 1;
    if (raw.length > MAX_LINE_CHARS)
      return { ok: false, fatal: { code: 'line-too-long', maxChars: MAX_LINE_CHARS, line } };
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    // A trailing comma with nothing after it is how a frame without its time is written back.
    const m = LINE.exec(trimmed.endsWith(',') ? trimmed.slice(0, -1) : trimmed);
    if (!m) return { ok: false, fatal: lineProblem(trimmed, line) };
    const quality = Number(m[2]);
    if (quality > 100) return { ok: false, fatal: { code: 'frame-quality-over-100', quality, line } };
    features.push({
      frame: Number(m[1]),
      quality,
      pdq: parsePdqHex(m[3]!)!,
      timestamp: m[4] === undefined ? UNKNOWN_TIMESTAMP : Number(m[4]),
    });
  }
  if (features.length === 0) return { ok: false, fatal: { code: 'no-entries', line: 1 } };
  return { ok: true, features };
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
