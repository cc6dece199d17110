/**
 * Imports a VICS case file into a case: read (in a worker, merged to one record per content), then
 * stored in one transaction. A fatal problem (not VICS, broken JSON) imports nothing and says where.
 */
import { DEFAULT_CATEGORY_SCHEME } from '../../../domain/case/category-schemes';
import type { ParseIssue } from '../../../domain/hashlists/stream-parser';
import type { WaymarkDatabase } from '../../db/database';
import { importVicsCaseMedia, type VicsCaseImportResult } from '../../db/vics-case-import.repository';
import type { VicsCaseRead } from '../../workers/vics-case-read-runner';
import type { CaseRecord } from '../../db/records';

export type VicsCaseImportOutcome =
  | ({ readonly ok: true; readonly warnings: number } & VicsCaseImportResult)
  | { readonly ok: false; readonly fatal: ParseIssue };

export async function importVicsCaseFile(
  db: WaymarkDatabase,
  record: CaseRecord,
  file: Blob,
  read: (file: Blob) => Promise<VicsCaseRead>,
): Promise<VicsCaseImportOutcome> {
  const parsed = await read(file);
  if (!parsed.ok) return parsed;
  const result = await importVicsCaseMedia(
    db,
    record.id,
    { caseSchemeId: record.categoryScheme ?? DEFAULT_CATEGORY_SCHEME, fileSchemeId: parsed.schemeId },
    parsed.media,
  );
  return { ok: true, warnings: parsed.warnings, ...result };
}
