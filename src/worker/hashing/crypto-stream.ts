import { createMD5, createSHA1, createSHA256, type IHasher } from 'hash-wasm';

import type { CryptoHashes } from '../../domain/hashing/file-signature';
import { IMAGE_HEADER_BYTES } from '../../domain/image/image-header';

/**
 * MD5, SHA-1 and SHA-256 over a file's bytes, keeping the first bytes for the header checks.
 * Photo-sized files are read in one piece: MD5 by hash-wasm (WebCrypto has none), SHA-1 and SHA-256 by
 * WebCrypto (native) when the page is a secure context. Larger files (videos, disk images) are streamed
 * through hash-wasm for all three (WebCrypto does not stream), so memory stays bounded.
 */
const WHOLE_READ_BYTES = 32 * 1024 * 1024;

type Hashers = readonly [IHasher, IHasher, IHasher];
let shared: Promise<Hashers> | undefined;

export interface ReadBytes {
  readonly crypto: CryptoHashes;
  readonly bytes: number;
  /** The first IMAGE_HEADER_BYTES bytes (or fewer). */
  readonly head: Uint8Array;
}

/**
 * A photo-sized file's bytes in one read (one trip to the browser's blob store), or null for a larger
 * one, which is streamed by streamAndHash instead. The pipeline takes the header, the hashes and the
 * EXIF from these bytes, so the file is read once.
 */
export async function readWhole(file: Blob): Promise<Uint8Array<ArrayBuffer> | null> {
  return file.size <= WHOLE_READ_BYTES ? new Uint8Array(await file.arrayBuffer()) : null;
}

/**
 * MD5, SHA-1 and SHA-256 of bytes in memory. Safe with several files in flight in one worker: the
 * shared hashers are used only in one synchronous run (init, update, digest, no await between).
 */
export async function hashWhole(whole: Uint8Array<ArrayBuffer>): Promise<ReadBytes> {
  const head = whole.subarray(0, IMAGE_HEADER_BYTES);
  const hashers = await (shared ??= createHashers());
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    // SHA-1 and SHA-256 natively (WebCrypto, off this thread) while MD5 runs here.
    const sha = Promise.all([subtle.digest('SHA-1', whole), subtle.digest('SHA-256', whole)]);
    const [md5] = hashers;
    md5.init();
    md5.update(whole);
    const md5Hex = md5.digest('hex');
    const [sha1, sha256] = await sha;
    return { bytes: whole.length, head, crypto: { md5: md5Hex, sha1: toHex(sha1), sha256: toHex(sha256) } };
  }
  for (const h of hashers) {
    h.init();
    h.update(whole);
  }
  return { bytes: whole.length, head, crypto: digest(hashers) };
}

/** Reads and hashes a file too large for readWhole, streamed (memory stays bounded). */
export async function streamAndHash(file: Blob): Promise<ReadBytes> {
  const own = await createHashers();
  for (const h of own) h.init();
  const head = new Uint8Array(Math.min(file.size, IMAGE_HEADER_BYTES));
  let bytes = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (bytes < head.length) head.set(value.subarray(0, head.length - bytes), bytes);
    bytes += value.length;
    for (const h of own) h.update(value);
  }
  return { bytes, head: head.subarray(0, Math.min(bytes, head.length)), crypto: digest(own) };
}

function toHex(buffer: ArrayBuffer): string {
  let hex = '';
  for (const byte of new Uint8Array(buffer)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function createHashers(): Promise<Hashers> {
  return Promise.all([createMD5(), createSHA1(), createSHA256()]);
}

function digest([md5, sha1, sha256]: Hashers): CryptoHashes {
  return { md5: md5.digest('hex'), sha1: sha1.digest('hex'), sha256: sha256.digest('hex') };
}
