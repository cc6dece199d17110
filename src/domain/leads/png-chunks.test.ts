import { describe, expect, it } from 'vitest';

import { pngMetadataChunks, readPngChunks, stripPngMetadata } from './png-chunks';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A chunk with a placeholder CRC: the reader checks structure, not CRCs. */
function chunk(type: string, data: number[] = []): number[] {
  const length = data.length;
  return [
    (length >>> 24) & 255,
    (length >>> 16) & 255,
    (length >>> 8) & 255,
    length & 255,
    ...[...type].map((c) => c.charCodeAt(0)),
    ...data,
    1,
    2,
    3,
    4,
  ];
}

const png = (...chunks: number[][]) => new Uint8Array([...SIGNATURE, ...chunks.flat()]);

describe('PNG chunks', () => {
  it('lists chunks in order and finds metadata chunks', () => {
    const bytes = png(
      chunk('IHDR', new Array<number>(13).fill(0)),
      chunk('tEXt', [65, 0, 66]),
      chunk('eXIf', [1, 2]),
      chunk('IDAT', [9, 9, 9]),
      chunk('IEND'),
    );
    expect(readPngChunks(bytes)?.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'eXIf', 'IDAT', 'IEND']);
    expect(pngMetadataChunks(bytes)).toEqual(['tEXt', 'eXIf']);
  });

  it('strips metadata chunks and keeps every other chunk byte for byte', () => {
    const ihdr = chunk('IHDR', new Array<number>(13).fill(7));
    const idat = chunk('IDAT', [5, 6, 7, 8]);
    const bytes = png(ihdr, chunk('iCCP', [1]), chunk('zTXt', [2]), idat, chunk('iTXt', [3]), chunk('IEND'));
    const stripped = stripPngMetadata(bytes);
    expect(stripped).toEqual(png(ihdr, idat, chunk('IEND')));
    expect(pngMetadataChunks(stripped!)).toEqual([]);
  });

  it('refuses what is not a whole PNG', () => {
    expect(readPngChunks(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
    const truncated = png(chunk('IHDR', new Array<number>(13).fill(0))).subarray(0, 20);
    expect(readPngChunks(truncated)).toBeNull();
    // No IEND: cut short.
    expect(stripPngMetadata(png(chunk('IHDR', new Array<number>(13).fill(0))))).toBeNull();
  });
});
