import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';

import type { CryptoHashes } from '../../domain/hashing/file-signature';
import { hashRefusal } from '../../domain/hashing/hash-problem';
import { pdqFromImage } from '../../domain/hashing/pdq';
import { hashFailure, imageSignature } from '../../domain/hashing/signature';
import { sniffVideoContainer, VIDEO_SNIFF_BYTES } from '../../domain/video/video-container';
import type { MediaSignature } from '../../domain/video/video-signature';
import { hashVideoFile, type VideoHashOptions } from '../video/hash-video-file';
import { decodeImageBytes } from './decode-node';

export type HashFileOptions = VideoHashOptions;

/**
 * One pass over one file in Node. A video (told from its first bytes) goes to the video hasher
 * (streamed, see cli/video); anything else is read whole: bytes -> MD5/SHA-1/SHA-256, decode once ->
 * PDQ + dihedral.
 */
export async function hashFile(path: string, options: HashFileOptions = {}): Promise<MediaSignature> {
  let bytes: Uint8Array;
  try {
    const container = sniffVideoContainer(await readHead(path));
    if (container) return await hashVideoFile(path, container, options);
    bytes = await readFile(path);
  } catch (error) {
    return hashFailure(0, hashRefusal({ code: 'unreadable' }, readErrorDetail(error)));
  }
  const crypto = cryptoHashes(bytes);
  const decoded = await decodeImageBytes(bytes);
  if (!decoded.ok) return hashFailure(bytes.length, decoded, crypto);
  const { image } = decoded;
  return imageSignature(bytes.length, crypto, image.width, image.height, pdqFromImage(image));
}

/** Node's native hashes: faster than WASM here; the browser uses hash-wasm for the same digests. */
export function cryptoHashes(bytes: Uint8Array): CryptoHashes {
  return {
    md5: createHash('md5').update(bytes).digest('hex'),
    sha1: createHash('sha1').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

async function readHead(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(VIDEO_SNIFF_BYTES), 0, VIDEO_SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** What the OS said, in plain words for the usual cases (the CLI prints it after "could not be read"). */
function readErrorDetail(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'it does not exist (moved or deleted?)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'this is a folder, not a file';
  return error instanceof Error ? error.message : String(error);
}
