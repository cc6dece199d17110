import { groupHashBatch } from '../../../domain/grouping/hash-batch-grouping';
import type { CaseId } from '../../../domain/case/ids';
import type { MediaId, MediaRecord } from '../../../domain/case/media';
import { PDQ_WORDS, pdqHexToWords, type PdqHex } from '../../../domain/hashing/pdq-hex';
import type { WaymarkDatabase } from '../../db/database';
import { applyGroupUpdates, type GroupUpdate } from '../../db/series.repository';

/**
 * The one adapter between the grouping core (src/domain/grouping) and the series tables: the case's
 * PDQ hashes (with their dihedral variants, so mirrored copies match) go through the grouper, and
 * every group of two or more becomes series membership for its unsorted members.
 * A group's key is its smallest media id (ULIDs grow with arrival), so it is stable as it grows.
 * Swap `groupMedia` for the incremental grouper when it lands; nothing else changes.
 */
const PDQ_HEX = /^[0-9a-f]{64}$/;

export function groupMedia(
  media: readonly Pick<MediaRecord, 'id' | 'sha256' | 'pdq' | 'pdqQuality' | 'pdqDihedral'>[],
): GroupUpdate[] {
  const count = media.length;
  const words = new Uint32Array(count * PDQ_WORDS);
  const quality = new Uint8Array(count);
  const variants = new Uint32Array(count * 7 * PDQ_WORDS);
  const hasVariants = new Uint8Array(count);
  media.forEach((m, i) => {
    if (!PDQ_HEX.test(m.pdq)) return; // no usable hash: quality 0 keeps it to exact (SHA-256) grouping
    pdqHexToWords(m.pdq, words, i * PDQ_WORDS);
    quality[i] = m.pdqQuality;
    // pdqDihedral[0] is the original; [1..7] are rotate90 … flipMinus1, the grouper's variant order.
    if (m.pdqDihedral.length === 8 && m.pdqDihedral.every((h) => PDQ_HEX.test(h))) {
      for (let k = 1; k < 8; k++)
        pdqHexToWords(m.pdqDihedral[k] as PdqHex, variants, (i * 7 + k - 1) * PDQ_WORDS);
      hasVariants[i] = 1;
    }
  });
  const { labels } = groupHashBatch({
    count,
    words,
    quality,
    variants,
    hasVariants,
    exactKeys: media.map((m) => m.sha256),
  });
  const groups = new Map<number, MediaId[]>();
  media.forEach((m, i) => {
    const label = labels[i]!;
    const members = groups.get(label);
    if (members) members.push(m.id);
    else groups.set(label, [m.id]);
  });
  return [...groups.values()]
    .filter((ids) => ids.length > 1)
    .map((ids) => ({ groupKey: ids.reduce((a, b) => (b < a ? b : a)), mediaIds: ids }));
}

/** Regroups the whole case and applies the result (cheap for thousands; see bench:group for scale). */
export async function regroupCase(db: WaymarkDatabase, caseId: CaseId): Promise<number> {
  const media = await db.media.where('caseId').equals(caseId).toArray();
  const groups = groupMedia(media);
  await applyGroupUpdates(db, caseId, groups);
  return groups.length;
}
