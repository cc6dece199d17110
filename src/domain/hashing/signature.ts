import type { CryptoHashes, HashFailure, ImageSignature } from './file-signature';
import type { HashRefusal } from './hash-problem';
import type { PdqResult } from './pdq';

/** Assembles one file's signature from its parts; the worker and the CLI report exactly this shape. */
export function imageSignature(
  bytes: number,
  crypto: CryptoHashes,
  width: number,
  height: number,
  pdq: PdqResult,
): ImageSignature {
  return {
    ok: true,
    bytes,
    md5: crypto.md5,
    sha1: crypto.sha1,
    sha256: crypto.sha256,
    width,
    height,
    pdq: pdq.hash,
    pdqQuality: pdq.quality,
    pdqDihedral: pdq.dihedral,
  };
}

/** A failure keeps the crypto hashes when the bytes were read: an undecodable file can still match a known MD5. */
export function hashFailure(bytes: number, refusal: HashRefusal, crypto?: CryptoHashes): HashFailure {
  const { ok, reason, problem } = refusal;
  const why =
    refusal.detail === undefined ? { ok, reason, problem } : { ok, reason, problem, detail: refusal.detail };
  return crypto && bytes > 0
    ? { ...why, bytes, md5: crypto.md5, sha1: crypto.sha1, sha256: crypto.sha256 }
    : { ...why, bytes };
}
