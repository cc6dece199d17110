import { createReadStream } from 'node:fs';

import { PDQ_WORDS, parsePdqHex, pdqHexToWords } from '../../domain/hashing/pdq-hex';

/**
 * Reads `--hashes FILE.jsonl`: one `{"id","pdq","quality"?,"pdqDihedral"?}` per line (also the output of
 * `waymark hash --json`, where the id is `path` and the quality `pdqQuality`).
 *
 * A million lines must parse in well under a second, so the common shape is read straight from the
 * bytes (the hex into words, no strings); a line the fast path does not recognise (escapes, other
 * shapes) goes through JSON.parse. A bad line is reported with its number and the rest carries on;
 * a line with an id but no usable hash still gets its own group.
 */
export interface HashLines {
  count: number;
  ids: string[];
  /** count × 8 words (the first `count` hashes are valid). */
  words: Uint32Array;
  quality: Uint8Array;
  /** count × 7 × 8 words: the 7 non-identity dihedral hashes, where `hasVariants` is 1. */
  variants: Uint32Array;
  hasVariants: Uint8Array;
  /** Items with no usable hash: grouped alone. */
  noHash: Uint8Array;
  problems: { line: number; message: string }[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

const HEX_VALUE = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) t[0x30 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[0x61 + i] = 10 + i;
    t[0x41 + i] = 10 + i;
  }
  return t;
})();

function pattern(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}
const ID = pattern('"id":"');
const CANON_ID = pattern('{"id":"');
const CANON_PDQ = pattern('","pdq":"');
const CANON_QUALITY = pattern(',"quality":');

function startsWith(buf: Uint8Array, at: number, pat: Uint8Array): boolean {
  if (at + pat.length > buf.length) return false;
  for (let k = 0; k < pat.length; k++) if (buf[at + k] !== pat[k]) return false;
  return true;
}

/** ASCII bytes to a string (the caller checked there is nothing above 0x7f). */
function latin1(buf: Uint8Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += String.fromCharCode(buf[i]!);
  return out;
}
const PDQ = pattern('"pdq":"');
const QUALITY = pattern('"quality":');
const DIHEDRAL = pattern('"pdqDihedral":[');

/** 64 hex characters at `at` into 8 words; false when they are not hex or not followed by a quote. */
function hexToWords(buf: Uint8Array, at: number, out: Uint32Array, offset: number): boolean {
  if (buf[at + 64] !== QUOTE) return false;
  for (let w = 0; w < PDQ_WORDS; w++) {
    let v = 0;
    for (let c = 0; c < 8; c++) {
      const h = HEX_VALUE[buf[at + w * 8 + c]!]!;
      if (h < 0) return false;
      v = v * 16 + h;
    }
    out[offset + w] = v >>> 0;
  }
  return true;
}

export class HashLinesBuilder {
  private capacity = 1024;
  readonly lines: HashLines = {
    count: 0,
    ids: [],
    words: new Uint32Array(1024 * PDQ_WORDS),
    quality: new Uint8Array(1024),
    variants: new Uint32Array(0),
    hasVariants: new Uint8Array(1024),
    noHash: new Uint8Array(1024),
    problems: [],
  };
  private lineNumber = 0;
  private readonly decoder = new TextDecoder();

  private reserve(): number {
    const L = this.lines;
    if (L.count === this.capacity) {
      this.capacity *= 2;
      const grow = <T extends Uint8Array | Uint32Array>(a: T, per: number): T => {
        const b = new (a.constructor as new (n: number) => T)(this.capacity * per);
        b.set(a);
        return b;
      };
      L.words = grow(L.words, PDQ_WORDS);
      L.quality = grow(L.quality, 1);
      L.hasVariants = grow(L.hasVariants, 1);
      L.noHash = grow(L.noHash, 1);
      if (L.variants.length) L.variants = grow(L.variants, 7 * PDQ_WORDS);
    }
    return L.count++;
  }

  private ensureVariants(): void {
    if (this.lines.variants.length === 0)
      this.lines.variants = new Uint32Array(this.capacity * 7 * PDQ_WORDS);
  }

  /** One line's bytes, buf[start..end) without the newline. */
  addLine(buf: Uint8Array, start: number, end: number): void {
    this.lineNumber++;
    while (end > start && (buf[end - 1] === 0x0d || buf[end - 1] === 0x20 || buf[end - 1] === 0x09)) end--;
    while (start < end && (buf[start] === 0x20 || buf[start] === 0x09)) start++;
    if (start === end) return;
    if (this.canonicalLine(buf, start, end)) return;
    // A Buffer view of the line (no copy): its indexOf is native and cannot run past the line.
    if (this.fastLine(Buffer.from(buf.buffer, buf.byteOffset + start, end - start))) return;
    this.slowLine(this.decoder.decode(buf.subarray(start, end)));
  }

  /**
   * The shape this project writes, `{"id":"…","pdq":"…"[,"quality":N]}` in that order, read with no
   * search at all (most of a million-line file); anything else falls through to `fastLine`.
   */
  private canonicalLine(buf: Uint8Array, start: number, end: number): boolean {
    if (!startsWith(buf, start, CANON_ID)) return false;
    const idStart = start + CANON_ID.length;
    let idEnd = idStart;
    while (idEnd < end && buf[idEnd] !== QUOTE) {
      if (buf[idEnd] === BACKSLASH || buf[idEnd]! >= 0x80) return false;
      idEnd++;
    }
    if (!startsWith(buf, idEnd, CANON_PDQ)) return false;
    const hexAt = idEnd + CANON_PDQ.length;
    let p = hexAt + 65;
    let quality = 100;
    if (startsWith(buf, p, CANON_QUALITY)) {
      p += CANON_QUALITY.length;
      let v = 0;
      const digitsAt = p;
      while (p < end && buf[p]! >= 0x30 && buf[p]! <= 0x39) v = v * 10 + buf[p++]! - 0x30;
      if (p === digitsAt) return false;
      quality = Math.min(100, v);
    }
    if (p !== end - 1 || buf[p] !== 0x7d) return false;
    const L = this.lines;
    const i = this.reserve();
    if (!hexToWords(buf, hexAt, L.words, i * PDQ_WORDS)) {
      L.count--;
      return false;
    }
    L.quality[i] = quality;
    L.noHash[i] = 0;
    L.hasVariants[i] = 0;
    L.ids[i] = latin1(buf, idStart, idEnd);
    return true;
  }

  private fastLine(buf: Buffer): boolean {
    const end = buf.length;
    // Escapes (and anything else unusual) take the JSON.parse path.
    if (buf[0] !== 0x7b || buf.indexOf(BACKSLASH) !== -1) return false;
    const idAt = buf.indexOf(ID);
    const pdqAt = buf.indexOf(PDQ);
    if (idAt < 0 || pdqAt < 0) return false;
    const idStart = idAt + ID.length;
    const idEnd = buf.indexOf(QUOTE, idStart);
    if (idEnd < 0) return false;
    const L = this.lines;
    const i = this.reserve();
    if (!hexToWords(buf, pdqAt + PDQ.length, L.words, i * PDQ_WORDS)) {
      L.count--;
      return false;
    }
    let quality = 100;
    const qAt = buf.indexOf(QUALITY);
    if (qAt >= 0) {
      let p = qAt + QUALITY.length;
      while (buf[p] === 0x20) p++;
      let v = 0;
      let digits = 0;
      while (p < end && buf[p]! >= 0x30 && buf[p]! <= 0x39) {
        v = v * 10 + buf[p]! - 0x30;
        p++;
        digits++;
      }
      if (digits === 0) {
        L.count--;
        return false;
      }
      quality = Math.min(100, v);
    }
    const dAt = buf.indexOf(DIHEDRAL);
    if (dAt >= 0) {
      this.ensureVariants();
      // 8 quoted hashes (the first is the original) or the 7 turned ones.
      let p = dAt + DIHEDRAL.length;
      const found: number[] = [];
      while (p < end && found.length < 8) {
        const q = buf.indexOf(QUOTE, p);
        if (q < 0 || q >= end) break;
        found.push(q + 1);
        p = q + 66;
      }
      const skip = found.length === 8 ? 1 : 0;
      if (found.length - skip !== 7) {
        L.count--;
        return false;
      }
      for (let k = 0; k < 7; k++)
        if (!hexToWords(buf, found[k + skip]!, L.variants, (i * 7 + k) * PDQ_WORDS)) {
          L.count--;
          return false;
        }
      L.hasVariants[i] = 1;
    } else L.hasVariants[i] = 0;
    L.quality[i] = quality;
    L.noHash[i] = 0;
    L.ids[i] = buf.toString('utf8', idStart, idEnd);
    return true;
  }

  private slowLine(text: string): void {
    const L = this.lines;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      L.problems.push({ line: this.lineNumber, message: 'not JSON: skipped' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      L.problems.push({ line: this.lineNumber, message: 'not a JSON object: skipped' });
      return;
    }
    const o = value as Record<string, unknown>;
    const id =
      typeof o.id === 'string' || typeof o.id === 'number'
        ? String(o.id)
        : typeof o.path === 'string'
          ? o.path
          : undefined;
    if (id === undefined) {
      L.problems.push({ line: this.lineNumber, message: 'no "id": skipped' });
      return;
    }
    const i = this.reserve();
    L.ids[i] = id;
    const pdq = typeof o.pdq === 'string' ? parsePdqHex(o.pdq) : null;
    if (!pdq) {
      L.noHash[i] = 1;
      L.quality[i] = 0;
      L.hasVariants[i] = 0;
      L.problems.push({
        line: this.lineNumber,
        message: `"${id}" has no valid "pdq" (64 hex characters): kept alone`,
      });
      return;
    }
    L.noHash[i] = 0;
    pdqHexToWords(pdq, L.words, i * PDQ_WORDS);
    const q =
      typeof o.quality === 'number' ? o.quality : typeof o.pdqQuality === 'number' ? o.pdqQuality : 100;
    L.quality[i] = Math.max(0, Math.min(100, Math.round(q)));
    const turned = Array.isArray(o.pdqDihedral)
      ? o.pdqDihedral.map((h) => (typeof h === 'string' ? parsePdqHex(h) : null))
      : [];
    const seven = turned.length === 8 ? turned.slice(1) : turned;
    if (seven.length === 7 && seven.every((h) => h !== null)) {
      this.ensureVariants();
      seven.forEach((h, k) => pdqHexToWords(h, L.variants, (i * 7 + k) * PDQ_WORDS));
      L.hasVariants[i] = 1;
    } else {
      L.hasVariants[i] = 0;
      if (turned.length)
        L.problems.push({
          line: this.lineNumber,
          message: `"${id}": "pdqDihedral" ignored (needs 7 or 8 hashes)`,
        });
    }
  }
}

/** Streams the file and parses it line by line (bytes, not strings). */
export async function readHashLines(path: string): Promise<HashLines> {
  const builder = new HashLinesBuilder();
  let carry: Uint8Array = new Uint8Array(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    let buf: Uint8Array = chunk;
    if (carry.length) {
      const joined = new Uint8Array(carry.length + chunk.length);
      joined.set(carry);
      joined.set(chunk, carry.length);
      buf = joined;
    }
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE, start); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      builder.addLine(buf, start, nl);
      start = nl + 1;
    }
    carry = buf.slice(start);
  }
  if (carry.length) builder.addLine(carry, 0, carry.length);
  return builder.lines;
}
