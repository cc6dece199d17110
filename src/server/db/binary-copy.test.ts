import { describe, expect, it } from 'vitest';

import { int4Of, parseBinaryCopy } from './binary-copy';

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];

/** A binary COPY stream of `rows` (null fields as NULL), with `extension` header bytes. */
function stream(rows: (Uint8Array | null)[][], extension = 0): Uint8Array {
  const parts: number[] = [
    ...SIGNATURE,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    extension,
    ...Array.from({ length: extension }, () => 7),
  ];
  const int = (v: number, bytes: number) => {
    for (let b = bytes - 1; b >= 0; b--) parts.push((v >>> (8 * b)) & 0xff);
  };
  for (const row of rows) {
    int(row.length, 2);
    for (const field of row) {
      if (field === null) int(-1 >>> 0, 4);
      else {
        int(field.length, 4);
        parts.push(...field);
      }
    }
  }
  int(0xffff, 2);
  return Uint8Array.from(parts);
}

const int4 = (v: number) => Uint8Array.from([v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);

describe('the binary COPY reader', () => {
  it('reads rows of raw fields, NULLs and empty fields, past a header extension', () => {
    const bytes = stream(
      [
        [int4(65_537), Uint8Array.from([1, 2, 3, 0, 255, 10])],
        [int4(0), new Uint8Array(0)],
        [int4(7), null],
      ],
      3,
    );
    const rows = parseBinaryCopy(bytes);
    expect(rows.map((r) => int4Of(r[0]))).toEqual([65_537, 0, 7]);
    expect([...rows[0]![1]!]).toEqual([1, 2, 3, 0, 255, 10]);
    expect(rows[1]![1]!.length).toBe(0);
    expect(rows[2]![1]).toBeNull();
    expect(parseBinaryCopy(stream([]))).toEqual([]);
  });

  it('fails on anything but a complete, well-formed stream', () => {
    const good = stream([[int4(1), Uint8Array.from([9, 9, 9])]]);
    // Cut anywhere: no rows are made up from a partial stream.
    for (let cut = 0; cut < good.length; cut++)
      expect(() => parseBinaryCopy(good.subarray(0, cut)), `cut at ${cut}`).toThrow(/cut short/);
    const badSignature = good.slice();
    badSignature[0] = 0x51;
    expect(() => parseBinaryCopy(badSignature)).toThrow(/signature/);
    const withOids = good.slice();
    withOids[12] = 1; // flags bit 16 (the flags are big-endian, bytes 11 to 14)
    expect(() => parseBinaryCopy(withOids)).toThrow(/OIDs/);
    expect(() => int4Of(Uint8Array.from([1, 2]))).toThrow(/4-byte/);
    expect(() => int4Of(null)).toThrow(/4-byte/);
  });
});
