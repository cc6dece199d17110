import { createMD5, createSHA1, createSHA256, type IHasher } from 'hash-wasm';

import type { CryptoHashes } from '../../domain/hashing/file-signature';
import { IMAGE_HEADER_BYTES } from '../../domain/image/image-header';

/**
 * MD5, SHA-1 and SHA-256 streamed over a file's bytes (hash-wasm: WebCrypto has no MD5 and does not
 * stream), keeping only the first bytes for the header checks. The hashers are made once per worker.
 */
let hashers: Promise<readonly [IHasher, IHasher, IHasher]> | undefined;

export interface StreamedBytes {
  readonly crypto: CryptoHashes;
  readonly bytes: number;
  /** The first IMAGE_HEADER_BYTES bytes (or fewer). */
  readonly head: Uint8Array;
}

export async function hashBytesStreamed(file: Blob): Promise<StreamedBytes> {
  hashers ??= Promise.all([createMD5(), createSHA1(), createSHA256()]);
  const [md5, sha1, sha256] = await hashers;
  md5.init();
  sha1.init();
  sha256.init();
  const head = new Uint8Array(Math.min(file.size, IMAGE_HEADER_BYTES));
  let bytes = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (bytes < head.length) head.set(value.subarray(0, head.length - bytes), bytes);
    bytes += value.length;
    md5.update(value);
    sha1.update(value);
    sha256.update(value);
  }
  return {
    crypto: { md5: md5.digest('hex'), sha1: sha1.digest('hex'), sha256: sha256.digest('hex') },
    bytes,
    head: head.subarray(0, Math.min(bytes, head.length)),
  };
}
