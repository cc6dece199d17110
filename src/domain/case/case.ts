/**
 * Case rules. The case record itself is defined with the other synced records (src/contract/records:
 * case.record.ts) and stored as client/db/records.ts says.
 */

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
