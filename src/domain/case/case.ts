import type { CategorySchemeId } from './category-schemes';
import type { CaseId } from './ids';

/** A case as stored locally. Dates are ISO-8601 strings so records survive structured cloning and JSON. */
export interface CaseRecord {
  readonly id: CaseId;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Set from schema version 2 on (the upgrade fills it with the default). */
  readonly categoryScheme?: CategorySchemeId;
}

export const CASE_NAME_MAX_LENGTH = 200;

export type CaseNameProblem = 'empty' | 'too-long';

/** Normalizes a case name as typed (trim, collapse inner whitespace) or names what is wrong with it. */
export function normalizeCaseName(
  raw: string,
): { ok: true; name: string } | { ok: false; problem: CaseNameProblem } {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length === 0) return { ok: false, problem: 'empty' };
  if (name.length > CASE_NAME_MAX_LENGTH) return { ok: false, problem: 'too-long' };
  return { ok: true, name };
}
