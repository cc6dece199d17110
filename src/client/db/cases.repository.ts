import { ulid } from 'ulidx';

import { normalizeCaseName, type CaseNameProblem } from '../../domain/case/case';
import { DEFAULT_CATEGORY_SCHEME, type CategorySchemeId } from '../../domain/case/category-schemes';
import { asCaseId, type CaseId } from '../../domain/case/ids';
import type { WaymarkDatabase } from './database';
import type { CaseRecord } from './records';

export type CreateCaseResult = { ok: true; record: CaseRecord } | { ok: false; problem: CaseNameProblem };

export async function createCase(
  db: WaymarkDatabase,
  rawName: string,
  now = new Date(),
  categoryScheme: CategorySchemeId = DEFAULT_CATEGORY_SCHEME,
): Promise<CreateCaseResult> {
  const name = normalizeCaseName(rawName);
  if (!name.ok) return name;
  const at = now.toISOString();
  const record: CaseRecord = {
    id: asCaseId(ulid()),
    name: name.name,
    createdAt: at,
    updatedAt: at,
    categoryScheme,
  };
  await db.cases.add(record);
  return { ok: true, record };
}

export function listCases(db: WaymarkDatabase): Promise<CaseRecord[]> {
  return db.cases.orderBy('updatedAt').reverse().toArray();
}

export function getCase(db: WaymarkDatabase, id: CaseId): Promise<CaseRecord | undefined> {
  return db.cases.get(id);
}

/** How many distinct images (media) a case holds: an index count, no record read. */
export function countMedia(db: WaymarkDatabase, id: CaseId): Promise<number> {
  return db.media.where('caseId').equals(id).count();
}
