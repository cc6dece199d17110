import { groupHashBatch } from '../../domain/grouping/hash-batch-grouping';
import { PDQ_WORDS, pdqHexToWords } from '../../domain/hashing/pdq-hex';
import { hashFiles } from '../hashing/hash-files';
import { walkFiles } from '../hashing/walk';

export interface GroupedFiles {
  paths: string[];
  labels: Int32Array;
  groupCount: number;
}

/** Hashes files (worker threads) and groups them; files that cannot be hashed stay alone. */
export async function groupFiles(
  inputs: readonly string[],
  options: { threshold: number; concurrency?: number },
  onProblem: (path: string, message: string) => void,
): Promise<GroupedFiles> {
  const paths: string[] = [];
  const pdq: string[] = [];
  const quality: number[] = [];
  const dihedral: (readonly string[] | undefined)[] = [];
  const keys: (string | undefined)[] = [];
  for await (const { path, signature } of hashFiles(
    walkFiles(inputs),
    options.concurrency ? { concurrency: options.concurrency } : {},
  )) {
    paths.push(path);
    if (signature.ok) {
      pdq.push(signature.pdq);
      quality.push(signature.pdqQuality);
      dihedral.push(signature.pdqDihedral);
      keys.push(signature.sha256);
    } else {
      onProblem(path, signature.message);
      pdq.push('0'.repeat(64));
      quality.push(0);
      dihedral.push(undefined);
      keys.push(signature.sha256);
    }
  }
  const count = paths.length;
  const words = new Uint32Array(count * PDQ_WORDS);
  const variants = new Uint32Array(count * 7 * PDQ_WORDS);
  const hasVariants = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    pdqHexToWords(pdq[i]!, words, i * PDQ_WORDS);
    const d = dihedral[i];
    if (d && d.length === 8) {
      for (let k = 1; k < 8; k++) pdqHexToWords(d[k]!, variants, (i * 7 + k - 1) * PDQ_WORDS);
      hasVariants[i] = 1;
    }
  }
  const result = groupHashBatch(
    { count, words, quality: Uint8Array.from(quality), variants, hasVariants, exactKeys: keys },
    { threshold: options.threshold },
  );
  return { paths, labels: result.labels, groupCount: result.groupCount };
}
