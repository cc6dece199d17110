/**
 * PNG chunk inspection for exports that leave the unit. A PNG is an 8-byte signature followed by
 * chunks (length, type, data, CRC); each chunk carries its own CRC, so dropping whole chunks leaves a
 * valid file. Invariant: what `stripPngMetadata` returns holds none of PNG_METADATA_CHUNKS.
 */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Chunks that can carry camera, software, author, time or colour-profile details. */
export const PNG_METADATA_CHUNKS: ReadonlySet<string> = new Set([
  'eXIf',
  'tEXt',
  'iTXt',
  'zTXt',
  'iCCP',
  'tIME',
]);

export interface PngChunk {
  readonly type: string;
  /** Offset of the chunk's length field, and its total size (12 + data length). */
  readonly offset: number;
  readonly size: number;
}

/** The chunks of a PNG in file order, or null when the bytes are not a well-formed PNG. */
export function readPngChunks(bytes: Uint8Array): PngChunk[] | null {
  if (bytes.length < SIGNATURE.length || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = SIGNATURE.length;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) return null;
    const length = view.getUint32(offset);
    const size = 12 + length;
    if (offset + size > bytes.length) return null;
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    chunks.push({ type, offset, size });
    offset += size;
    if (type === 'IEND') break;
  }
  return chunks.at(-1)?.type === 'IEND' ? chunks : null;
}

/** The metadata chunk types present (empty for a clean PNG); null when not a PNG. */
export function pngMetadataChunks(bytes: Uint8Array): string[] | null {
  const chunks = readPngChunks(bytes);
  return chunks ? chunks.map((c) => c.type).filter((t) => PNG_METADATA_CHUNKS.has(t)) : null;
}

/** The same PNG without metadata chunks; null when the bytes are not a PNG. */
export function stripPngMetadata(bytes: Uint8Array): Uint8Array | null {
  const chunks = readPngChunks(bytes);
  if (!chunks) return null;
  const kept = chunks.filter((c) => !PNG_METADATA_CHUNKS.has(c.type));
  const out = new Uint8Array(SIGNATURE.length + kept.reduce((sum, c) => sum + c.size, 0));
  out.set(SIGNATURE, 0);
  let at = SIGNATURE.length;
  for (const c of kept) {
    out.set(bytes.subarray(c.offset, c.offset + c.size), at);
    at += c.size;
  }
  return out;
}
