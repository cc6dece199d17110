import { readFile } from 'node:fs/promises';

import type { FileSignature } from '../../domain/hashing/file-signature';
import { hashRefusal } from '../../domain/hashing/hash-problem';
import { pdqFromImage } from '../../domain/hashing/pdq';
import { hashFailure, imageSignature } from '../../domain/hashing/signature';
import type { LocalFeatures } from '../../domain/features/local-features';
import { analyseImage } from '../../domain/features/compute-features';
import type { ExtraSignatures } from '../../domain/image-analysis/extra-signatures';
import { decodeImageBytes } from '../hashing/decode-node';
import { cryptoHashes } from '../hashing/hash-file';

export interface AnalysedFile {
  readonly signature: FileSignature;
  readonly extra?: ExtraSignatures;
  readonly features?: LocalFeatures;
}

/** One decode, then PDQ (as `waymark hash`) and the extra signatures for grouping. */
export async function analyseFile(path: string): Promise<AnalysedFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      signature: hashFailure(0, hashRefusal({ code: 'unreadable' }, message)),
    };
  }
  const crypto = cryptoHashes(bytes);
  const decoded = await decodeImageBytes(bytes);
  if (!decoded.ok) return { signature: hashFailure(bytes.length, decoded, crypto) };
  const { image } = decoded;
  return {
    signature: imageSignature(bytes.length, crypto, image.width, image.height, pdqFromImage(image)),
    ...analyseImage(image),
  };
}
