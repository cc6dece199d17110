/**
 * Reads a VICS case file (streamed, merged to one record per content) and stores its media in a
 * case. A fatal problem (not VICS, broken JSON) imports nothing and says where.
 */
import type { CaseRecord } from '../../../domain/case/case';
import { DEFAULT_CATEGORY_SCHEME } from '../../../domain/case/category-schemes';
import { vicsSchemeId } from '../../../domain/hashlists/vics-list.parser';
import type { ParseIssue } from '../../../domain/hashlists/stream-parser';
import { VicsMediaMerger } from '../../../domain/vics/vics-merge';
import { VicsStreamReader } from '../../../domain/vics/vics-reader';
import type { WaymarkDatabase } from '../../db/database';
import { importVicsCaseMedia, type VicsCaseImportResult } from '../../db/vics-case-import.repository';

export type VicsCaseImportOutcome =
  | ({ readonly ok: true; readonly warnings: number } & VicsCaseImportResult)
  | { readonly ok: false; readonly fatal: ParseIssue };

export async function importVicsCaseFile(
  db: WaymarkDatabase,
  record: CaseRecord,
  file: Blob,
): Promise<VicsCaseImportOutcome> {
  const reader = new VicsStreamReader();
  const merger = new VicsMediaMerger();
  let warnings = 0;
  const take = (batch: {
    items: readonly Parameters<VicsMediaMerger['add']>[0][];
    warnings: readonly ParseIssue[];
  }) => {
    warnings += batch.warnings.length;
    for (const m of batch.items) warnings += merger.add(m).length;
  };
  const text = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await text.read();
    if (done) break;
    take(reader.push(value));
    if (reader.fatal) break;
  }
  const end = reader.fatal ? null : reader.end();
  const fatal = reader.fatal ?? end?.fatal ?? null;
  if (fatal) return { ok: false, fatal };
  if (end) take(end);
  const result = await importVicsCaseMedia(
    db,
    record.id,
    {
      caseSchemeId: record.categoryScheme ?? DEFAULT_CATEGORY_SCHEME,
      fileSchemeId: vicsSchemeId(reader.header),
    },
    merger.media(),
  );
  return { ok: true, warnings, ...result };
}
