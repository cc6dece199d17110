import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import type { CryptoHashes, FileSignature } from '../../domain/hashing/file-signature';
import { HashFailureReason } from '../../domain/hashing/file-signature';
import { pdqFromImage } from '../../domain/hashing/pdq';
import { hashFailure, imageSignature } from '../../domain/hashing/signature';
import { decodeImageBytes } from './decode-node';

/** One pass over one file in Node: bytes -> MD5/SHA-1/SHA-256, decode once -> PDQ + dihedral. */
export async function hashFile(path: string): Promise<FileSignature> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return hashFailure(0, HashFailureReason.unreadable, readErrorMessage(error));
  }
  const crypto = cryptoHashes(bytes);
  const decoded = await decodeImageBytes(bytes);
  if (!decoded.ok) return hashFailure(bytes.length, decoded.reason, decoded.message, crypto);
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

function readErrorMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'The file could not be read: it does not exist (moved or deleted?).';
  if (code === 'EACCES' || code === 'EPERM') return 'The file could not be read: permission denied.';
  if (code === 'EISDIR') return 'This is a folder, not a file.';
  return `The file could not be read: ${error instanceof Error ? error.message : String(error)}.`;
}
