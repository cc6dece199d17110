/**
 * Reads a VICS case file from text chunks into one record per content (repeated records merged), the
 * file's category scheme, and the number of problems; or the one fatal problem, and nothing else.
 * Pure (no worker API), so tests run it directly; the worker below runs it on a File stream.
 */
import { vicsSchemeId } from '../domain/hashlists/vics-list.parser';
import type { ParseIssue } from '../domain/hashlists/stream-parser';
import type { VicsMedia } from '../domain/vics/vics-media';
import { VicsMediaMerger } from '../domain/vics/vics-merge';
import { VicsStreamReader } from '../domain/vics/vics-reader';

export type VicsCaseRead =
  | {
      readonly ok: true;
      readonly media: VicsMedia[];
      readonly schemeId: string;
      readonly warnings: number;
      readonly merged: number;
    }
  | { readonly ok: false; readonly fatal: ParseIssue };

export async function readVicsCase(
  chunks: AsyncIterable<string> | Iterable<string>,
  onProgress?: (chars: number) => void,
): Promise<VicsCaseRead> {
  const reader = new VicsStreamReader();
  const merger = new VicsMediaMerger();
  let warnings = 0;
  let chars = 0;
  const take = (batch: { items: readonly VicsMedia[]; warnings: readonly ParseIssue[] }) => {
    warnings += batch.warnings.length;
    for (const m of batch.items) warnings += merger.add(m).length;
  };
  for await (const chunk of chunks) {
    take(reader.push(chunk));
    if (reader.fatal) return { ok: false, fatal: reader.fatal };
    chars += chunk.length;
    onProgress?.(chars);
  }
  const end = reader.end();
  if (end.fatal) return { ok: false, fatal: end.fatal };
  take(end);
  return {
    ok: true,
    media: merger.media(),
    schemeId: vicsSchemeId(reader.header),
    warnings,
    merged: merger.merged,
  };
}
