import type { CaseRole } from '../../contract/cases.contract';

/**
 * Who may do what on a case. Each case is a tenant: a user who is not a member sees nothing of it
 * (404, not 403, so case ids do not leak) — administrators included. An administrator reaches a case
 * they are not a member of only through break-glass (POST /api/cases/:id/break-glass, with a reason,
 * audited, shown to the owners): while that grant is live they may manage its members and nothing else
 * (never read its records). Administrators' account management (users, passwords) touches no case.
 */
export const CaseAction = {
  read: 'read',
  /** Add or edit case content (images, series, notes: later issues). */
  work: 'work',
  manageMembers: 'manage-members',
  /** Case settings only its owners choose (what deconfliction notices show of it). */
  configure: 'configure',
} as const;
export type CaseAction = (typeof CaseAction)[keyof typeof CaseAction];

const allowed: Record<CaseRole, readonly CaseAction[]> = {
  owner: ['read', 'work', 'manage-members', 'configure'],
  analyst: ['read', 'work'],
  viewer: ['read'],
};

export type AccessDecision = 'allow' | 'forbidden' | 'not-found';

/** `breakGlass`: the caller is an administrator holding a live break-glass grant on this case. */
export function decideCaseAccess(
  role: CaseRole | null,
  breakGlass: boolean,
  action: CaseAction,
): AccessDecision {
  if (role && allowed[role].includes(action)) return 'allow';
  if (breakGlass && action === 'manage-members') return 'allow';
  if (role === null && !breakGlass) return 'not-found';
  return 'forbidden';
}
