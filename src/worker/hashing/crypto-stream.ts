import { createMD5, createSHA1, createSHA256, type IHasher } from 'hash-wasm';

import type { CryptoHashes } from '../../domain/hashing/file-signature';
import { IMAGE_HEADER_BYTES } from '../../domain/image/image-header';

/**
 * MD5, SHA-1 and SHA-256 over a file's bytes (streamed for large files) (hash-wasm: WebCrypto has no MD5 and does not
 * stream), keeping only the first bytes for the header checks. The hashers are made once per worker.
 */
/** Files up to this size are read in one piece; larger ones (videos, disk images) are streamed. */
const WHOLE_READ_BYTES = 32 * 1024 * 1024;

let hashers: Promise<readonly [IHasher, IHasher, IHasher]> | undefined;

export interface StreamedBytes {
  readonly crypto: CryptoHashes;
  readonly bytes: number;
  /** The first IMAGE_HEADER_BYTES bytes (or fewer). */
  readonly head: Uint8Array;
}

/**
 * Reads the file (in one piece up to WHOLE_READ_BYTES, else streamed) and hashes it. For files read in
 * one piece, `whole` holds the bytes so the decoder can use them without reading the file again.
 */
export async function readAndHash(
  file: Blob,
): Promise<StreamedBytes & { readonly whole?: Uint8Array<ArrayBuffer> }> {
  const [md5, sha1, sha256] = await (hashers ??= Promise.all([createMD5(), createSHA1(), createSHA256()]));
  md5.init();
  sha1.init();
  sha256.init();
  if (file.size <= WHOLE_READ_BYTES) {
    const whole = new Uint8Array(await file.arrayBuffer());
    return { bytes: whole.length, head: whole.subarray(0, IMAGE_HEADER_BYTES), crypto: digest(whole) };
  }
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
  return { bytes, head: head.subarray(0, Math.min(bytes, head.length)), crypto: finish() };

  function digest(all: Uint8Array): CryptoHashes {
    md5.update(all);
    sha1.update(all);
    sha256.update(all);
    return finish();
  }
  function finish(): CryptoHashes {
    return { md5: md5.digest('hex'), sha1: sha1.digest('hex'), sha256: sha256.digest('hex') };
  }
}
