/**
 * An incremental JSON parser for files too large to JSON.parse at once (VICS exports of tens of MB).
 * Text is pushed in chunks of any size (a token may straddle chunks); values at the depths the handler
 * asks for are "detached": handed to the handler as soon as they close and never attached to their
 * parent, so memory stays at one record, not the whole file.
 *
 * Invariants: strict JSON (RFC 8259) apart from a leading byte-order mark; the first syntax error is
 * fatal, carries line and column, and stops the parser; positions count UTF-16 code units, 1-based.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}
export type JsonPath = readonly (string | number)[];

export interface JsonPosition {
  readonly line: number;
  readonly column: number;
}

/** How JSON text can be wrong: a closed set, worded by the app and the CLI (see list-problem.ts). */
export const JsonSyntax = {
  truncated: 'truncated',
  empty: 'empty',
  textAfterEnd: 'text-after-end',
  expectedColon: 'expected-colon',
  expectedCommaInArray: 'expected-comma-in-array',
  expectedCommaInObject: 'expected-comma-in-object',
  expectedPropertyName: 'expected-property-name',
  tooDeep: 'too-deep',
  invalidNumber: 'invalid-number',
  unexpectedCharacter: 'unexpected-character',
  unexpectedText: 'unexpected-text',
  unterminatedString: 'unterminated-string',
  invalidString: 'invalid-string',
} as const;
export type JsonSyntax = (typeof JsonSyntax)[keyof typeof JsonSyntax];

export interface JsonSyntaxError extends JsonPosition {
  readonly syntax: JsonSyntax;
  /** The offending text, quoted (a number, a character, a word); empty when nothing is to quote. */
  readonly text: string;
}

export interface JsonStreamHandler {
  /** The depths (root = 0) at which `detach` is asked; other depths are never detached. */
  readonly detachDepths: ReadonlySet<number>;
  /** Whether the value starting at `path` is handed over on its own instead of kept in its parent. */
  detach(path: JsonPath): boolean;
  onValue(path: JsonPath, value: JsonValue, start: JsonPosition): void;
  /**
   * Optional fast path: a detached value found whole in the buffer is built by JSON.parse and offered
   * here; return false when it holds values that must be detached on their own (it is then streamed).
   */
  acceptWhole?(path: JsonPath, value: JsonValue): boolean;
}

/** Deeper nesting than this is refused (no real VICS file nests beyond 6). */
export const JSON_MAX_DEPTH = 256;

type Expect = 'value' | 'firstValueOrEnd' | 'firstKeyOrEnd' | 'key' | 'colon' | 'commaOrEnd' | 'eof';

interface Frame {
  readonly array: JsonValue[] | null;
  readonly object: JsonObject | null;
  key: string;
  index: number;
  readonly detachedPath: JsonPath | null;
  readonly start: JsonPosition;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const NUMBER_CHARS = /[-+0-9.eE]*/y;
// Control characters are invalid raw inside a JSON string: JSON.parse rejects them with the rest.
// eslint-disable-next-line no-control-regex
const NEEDS_DECODING = /[\u0000-\u001f\\]/;

/** What a step tells the loop: stop and wait for more text, or carry on. */
const Step = { more: 0, done: 1 } as const;

export class JsonStreamParser {
  private buf = '';
  private pos = 0;
  /** Absolute offset of buf[0] in the whole text. */
  private base = 0;
  private line = 1;
  /** Absolute offset of the first character of the current line. */
  private lineStart = 0;
  private expect: Expect = 'value';
  private readonly stack: Frame[] = [];
  private rootValue: JsonValue | undefined;
  private failure: JsonSyntaxError | null = null;
  private final = false;

  constructor(private readonly handler: JsonStreamHandler) {}

  get error(): JsonSyntaxError | null {
    return this.failure;
  }

  /** The root value with detached values left out (available once parsing ended without error). */
  get root(): JsonValue | undefined {
    return this.rootValue;
  }

  /** The root object while it is being built (for headers that come before the records). */
  get openRoot(): JsonObject | null {
    return this.stack[0]?.object ?? null;
  }

  push(chunk: string): JsonSyntaxError | null {
    if (this.failure || this.final) return this.failure;
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
    this.base += this.pos;
    this.pos = 0;
    if (this.base === 0 && this.buf.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
      this.lineStart = 1;
    }
    this.run();
    return this.failure;
  }

  end(): JsonSyntaxError | null {
    if (this.failure || this.final) return this.failure;
    this.final = true;
    this.run();
    if (!this.failure && this.expect !== 'eof') {
      this.fail(
        this.stack.length || this.pos < this.buf.length ? JsonSyntax.truncated : JsonSyntax.empty,
        this.base + this.buf.length,
      );
    }
    return this.failure;
  }

  private position(offset: number): JsonPosition {
    return { line: this.line, column: offset - this.lineStart + 1 };
  }

  private fail(syntax: JsonSyntax, offset: number, text = ''): void {
    if (!this.failure) this.failure = { syntax, text, ...this.position(offset) };
  }

  private run(): void {
    const buf = this.buf;
    const len = buf.length;
    while (!this.failure) {
      // Whitespace: the only place a newline may appear in valid JSON, so line counting lives here.
      let pos = this.pos;
      for (; pos < len; pos++) {
        const c = buf.charCodeAt(pos);
        if (c === 0x20 || c === 0x09 || c === 0x0d) continue;
        if (c === 0x0a) {
          this.line++;
          this.lineStart = this.base + pos + 1;
          continue;
        }
        break;
      }
      this.pos = pos;
      if (pos >= len) return;
      if (this.step(buf.charCodeAt(pos)) === Step.more) return;
    }
  }

  /** Consumes one token at this.pos; returns `more` when the token may continue in the next chunk. */
  private step(c: number): number {
    const at = this.base + this.pos;
    switch (this.expect) {
      case 'eof':
        this.fail(JsonSyntax.textAfterEnd, at);
        return Step.done;
      case 'firstValueOrEnd':
        if (c === 0x5d) return this.close(true);
        return this.valueStart(c, at);
      case 'value':
        return this.valueStart(c, at);
      case 'firstKeyOrEnd':
        if (c === 0x7d) return this.close(false);
        return this.key(c, at);
      case 'key':
        return this.key(c, at);
      case 'colon':
        if (c !== 0x3a) {
          this.fail(JsonSyntax.expectedColon, at);
          return Step.done;
        }
        this.pos++;
        this.expect = 'value';
        return Step.done;
      case 'commaOrEnd': {
        const top = this.stack[this.stack.length - 1]!;
        if (c === 0x2c) {
          this.pos++;
          this.expect = top.array ? 'value' : 'key';
          return Step.done;
        }
        if (top.array && c === 0x5d) return this.close(true);
        if (top.object && c === 0x7d) return this.close(false);
        this.fail(top.array ? JsonSyntax.expectedCommaInArray : JsonSyntax.expectedCommaInObject, at);
        return Step.done;
      }
    }
  }

  private key(c: number, at: number): number {
    if (c !== 0x22) {
      this.fail(JsonSyntax.expectedPropertyName, at);
      return Step.done;
    }
    const key = this.readString(at);
    if (key === null) return this.failure ? Step.done : Step.more;
    this.stack[this.stack.length - 1]!.key = key;
    this.expect = 'colon';
    return Step.done;
  }

  private childPath(): JsonPath {
    return this.stack.map((f) => (f.array ? f.index : f.key));
  }

  private detachedPathHere(): JsonPath | null {
    if (!this.handler.detachDepths.has(this.stack.length)) return null;
    const path = this.childPath();
    return this.handler.detach(path) ? path : null;
  }

  private valueStart(c: number, at: number): number {
    if (c === 0x7b || c === 0x5b) {
      if (this.stack.length >= JSON_MAX_DEPTH) {
        this.fail(JsonSyntax.tooDeep, at);
        return Step.done;
      }
      const isArray = c === 0x5b;
      const detachedPath = this.detachedPathHere();
      if (detachedPath && this.handler.acceptWhole && this.wholeValue(detachedPath, at)) return Step.done;
      const frame: Frame = {
        array: isArray ? [] : null,
        object: isArray ? null : {},
        key: '',
        index: 0,
        detachedPath,
        start: this.position(at),
      };
      this.stack.push(frame);
      this.pos++;
      this.expect = isArray ? 'firstValueOrEnd' : 'firstKeyOrEnd';
      return Step.done;
    }
    const start = this.position(at);
    let value: JsonValue;
    if (c === 0x22) {
      const s = this.readString(at);
      if (s === null) return this.failure ? Step.done : Step.more;
      value = s;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER_CHARS.lastIndex = this.pos;
      NUMBER_CHARS.exec(this.buf);
      const extent = NUMBER_CHARS.lastIndex;
      if (extent >= this.buf.length && !this.final) return Step.more;
      NUMBER.lastIndex = this.pos;
      const m = NUMBER.exec(this.buf);
      if (!m || NUMBER.lastIndex !== extent) {
        this.fail(JsonSyntax.invalidNumber, at, this.buf.slice(this.pos, Math.min(extent, this.pos + 24)));
        return Step.done;
      }
      value = Number(m[0]);
      this.pos = extent;
    } else {
      const literal = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : null;
      if (literal === null) {
        this.fail(JsonSyntax.unexpectedCharacter, at, this.buf[this.pos] ?? '');
        return Step.done;
      }
      if (!this.buf.startsWith(literal, this.pos)) {
        const rest = this.buf.slice(this.pos);
        if (!this.final && rest.length < literal.length && literal.startsWith(rest)) return Step.more;
        // Quote up to the first wrong character only, so the problem is the same however the text
        // was cut into chunks.
        let k = 0;
        while (k < literal.length && rest[k] === literal[k]) k++;
        this.fail(JsonSyntax.unexpectedText, at, rest.slice(0, k + 1));
        return Step.done;
      }
      value = literal === 'true' ? true : literal === 'false' ? false : null;
      this.pos += literal.length;
    }
    this.complete(value, this.detachedPathHere(), start);
    return Step.done;
  }

  /**
   * The fast path for a detached record that lies whole in the buffer: find its end with a light scan
   * (strings skipped with indexOf), let the native JSON.parse build it, and keep the line count. Any
   * doubt (the end is not in the buffer, JSON.parse refuses, the handler wants it streamed) returns
   * false and the tokenizer reads the record itself, so errors keep their exact position.
   */
  private wholeValue(path: JsonPath, at: number): boolean {
    const buf = this.buf;
    let depth = 0;
    let newlines = 0;
    let lastNewline = -1;
    let end = -1;
    for (let i = this.pos; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c === 0x22) {
        let from = i + 1;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q < 0) return false;
          let k = q - 1;
          while (buf.charCodeAt(k) === 0x5c) k--;
          if ((q - 1 - k) % 2 === 0) {
            i = q;
            break;
          }
          from = q + 1;
        }
      } else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (--depth === 0) {
          end = i + 1;
          break;
        }
      } else if (c === 0x0a) {
        newlines++;
        lastNewline = i;
      }
    }
    if (end < 0) return false;
    let value: JsonValue;
    try {
      value = JSON.parse(buf.slice(this.pos, end)) as JsonValue;
    } catch {
      return false;
    }
    if (!this.handler.acceptWhole!(path, value)) return false;
    const start = this.position(at);
    this.pos = end;
    if (newlines) {
      this.line += newlines;
      this.lineStart = this.base + lastNewline + 1;
    }
    this.complete(value, path, start);
    return true;
  }

  /** Reads a string token starting at this.pos; null when it needs more text or failed. */
  private readString(at: number): string | null {
    const buf = this.buf;
    let from = this.pos + 1;
    let end = -1;
    for (;;) {
      const q = buf.indexOf('"', from);
      if (q < 0) break;
      let k = q - 1;
      while (buf.charCodeAt(k) === 0x5c) k--;
      if ((q - 1 - k) % 2 === 0) {
        end = q;
        break;
      }
      from = q + 1;
    }
    if (end < 0) {
      if (this.final) this.fail(JsonSyntax.unterminatedString, at);
      return null;
    }
    const raw = buf.slice(this.pos + 1, end);
    let value = raw;
    if (NEEDS_DECODING.test(raw)) {
      try {
        value = JSON.parse(buf.slice(this.pos, end + 1)) as string;
      } catch {
        this.fail(JsonSyntax.invalidString, at);
        return null;
      }
    }
    this.pos = end + 1;
    return value;
  }

  private close(isArray: boolean): number {
    const frame = this.stack.pop()!;
    this.pos++;
    const value: JsonValue = isArray ? frame.array! : frame.object!;
    this.complete(value, frame.detachedPath, frame.start);
    return Step.done;
  }

  private complete(value: JsonValue, detachedPath: JsonPath | null, start: JsonPosition): void {
    const parent = this.stack[this.stack.length - 1];
    if (detachedPath) this.handler.onValue(detachedPath, value, start);
    if (!parent) {
      this.rootValue = value;
      this.expect = 'eof';
      return;
    }
    if (parent.array) {
      if (!detachedPath) parent.array.push(value);
      parent.index++;
    } else if (!detachedPath) {
      // Plain objects keep V8's fast shapes; "__proto__" must stay data, never set the prototype.
      if (parent.key === '__proto__')
        Object.defineProperty(parent.object, '__proto__', {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else parent.object![parent.key] = value;
    }
    this.expect = 'commaOrEnd';
  }
}
