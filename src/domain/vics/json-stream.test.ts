import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { JsonStreamParser, type JsonPath, type JsonPosition, type JsonValue } from './json-stream';

function parseInChunks(
  text: string,
  cuts: number[],
  detachAt?: (path: JsonPath) => boolean,
  acceptWhole?: (path: JsonPath, value: JsonValue) => boolean,
) {
  const detached: { path: JsonPath; value: JsonValue; start: JsonPosition }[] = [];
  const parser = new JsonStreamParser({
    detachDepths: new Set([1, 2, 3, 4]),
    detach: (path) => detachAt?.(path) ?? false,
    onValue: (path, value, start) => detached.push({ path, value, start }),
    ...(acceptWhole ? { acceptWhole } : {}),
  });
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.push(text.slice(from, cut));
    from = Math.max(from, cut);
  }
  parser.push(text.slice(from));
  const error = parser.end();
  return { error, root: parser.root, detached };
}

const cutsFor = (text: string) => fc.array(fc.nat({ max: Math.max(0, text.length) }), { maxLength: 12 });

describe('JsonStreamParser', () => {
  it('agrees with JSON.parse on any JSON, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.jsonValue().chain((v) => {
          const text = JSON.stringify(v, null, 1);
          return fc.tuple(fc.constant(text), cutsFor(text));
        }),
        ([text, cuts]) => {
          const { error, root } = parseInChunks(text, cuts);
          expect(error).toBeNull();
          expect(root).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts exactly what JSON.parse accepts on mutated text, and every error has a position', () => {
    const mutated = fc.jsonValue().chain((v) => {
      const text = JSON.stringify(v);
      return fc.tuple(
        fc.constant(text),
        fc.nat({ max: text.length }),
        fc.constantFrom('', '"', '\\', ',', '}', ']', '{', '[', ':', 'x', '\n', '1', '-', 'tru', '\u0001'),
        fc.nat({ max: 3 }),
      );
    });
    fc.assert(
      fc.property(
        mutated,
        fc.array(fc.nat({ max: 400 }), { maxLength: 6 }),
        ([text, at, insert, del], cuts) => {
          const bad = text.slice(0, at) + insert + text.slice(at + del);
          let expected: unknown;
          let valid = true;
          try {
            expected = JSON.parse(bad);
          } catch {
            valid = false;
          }
          const { error, root } = parseInChunks(bad, cuts);
          if (valid) {
            expect(error).toBeNull();
            expect(root).toEqual(expected);
          } else {
            expect(error).not.toBeNull();
            expect(error!.line).toBeGreaterThanOrEqual(1);
            expect(error!.column).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), cutsFor('x'.repeat(200)), (text, cuts) => {
        const { error } = parseInChunks(text, cuts);
        if (error) expect(error.line).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('names the line and column of a syntax error', () => {
    const { error } = parseInChunks('{\n  "a": 1,\n  "b": tru\n}', [5, 17]);
    expect(error).toMatchObject({ line: 3, column: 8 });
    expect(error).toMatchObject({ syntax: 'unexpected-text', text: 'tru\n' });
    expect(parseInChunks('{"a": [1, 2', []).error?.syntax).toBe('truncated');
    expect(parseInChunks('', []).error?.syntax).toBe('empty');
    expect(parseInChunks('{"a" 1}', []).error?.syntax).toBe('expected-colon');
    expect(parseInChunks('[1 2]', []).error?.syntax).toBe('expected-comma-in-array');
    expect(parseInChunks('{"a": -x}', []).error).toMatchObject({ syntax: 'invalid-number', text: '-' });
    expect(parseInChunks('[@]', []).error).toMatchObject({ syntax: 'unexpected-character', text: '@' });
    expect(parseInChunks('{} {}', []).error).toMatchObject({ line: 1, column: 4 });
  });

  it('skips a byte-order mark and hands detached values over in order, without keeping them', () => {
    const text = '\uFEFF{"value":[{"n":1},{"n":2}],"x":true}';
    const { error, root, detached } = parseInChunks(text, [3, 9, 14], (p) => p.length === 2);
    expect(error).toBeNull();
    expect(root).toEqual({ value: [], x: true });
    expect(detached).toEqual([
      { path: ['value', 0], value: { n: 1 }, start: { line: 1, column: 11 } },
      { path: ['value', 1], value: { n: 2 }, start: { line: 1, column: 19 } },
    ]);
  });

  it('keeps a "__proto__" key as data, as JSON.parse does', () => {
    const text = '{"__proto__": {"polluted": true}, "a": 1}';
    const { root } = parseInChunks(text, [4]);
    expect(root).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('hands over the same records at the same positions whether they are parsed whole or streamed', () => {
    const doc = fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 8 }).chain((records) => {
      const text = JSON.stringify({ head: 1, value: records, tail: [true] }, null, records.length % 3);
      return fc.tuple(fc.constant(records), fc.constant(text), cutsFor(text));
    });
    fc.assert(
      fc.property(doc, ([records, text, cuts]) => {
        const at2 = (p: JsonPath) => p.length === 2 && p[0] === 'value';
        const streamed = parseInChunks(text, cuts, at2);
        const whole = parseInChunks(text, [], at2, () => true);
        const choosy = parseInChunks(
          text,
          cuts,
          at2,
          (_p, v) => typeof v !== 'object' || v === null || Array.isArray(v),
        );
        expect(whole.error).toBeNull();
        expect(whole.detached.map((d) => d.value)).toEqual(JSON.parse(JSON.stringify(records)));
        expect(whole).toEqual(streamed);
        expect(choosy).toEqual(streamed);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps numbers and literals whole across chunk boundaries', () => {
    const text = '[1.5e3, -0.25, true, false, null, "a\\"b\\u00e9"]';
    for (let cut = 0; cut <= text.length; cut++) {
      const { error, root } = parseInChunks(text, [cut]);
      expect(error).toBeNull();
      expect(root).toEqual([1500, -0.25, true, false, null, 'a"bé']);
    }
  });
});
