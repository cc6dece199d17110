import type { CaseRole } from '../../contract/cases.contract';

/**
 * Who may do what on a case. Each case is a tenant: a user who is not a member sees nothing of it
 * (404, not 403, so case ids do not leak), except administrators, who manage membership but do not
 * read case content unless they are members.
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

export function decideCaseAccess(
  role: CaseRole | null,
  isAdmin: boolean,
  action: CaseAction,
): AccessDecision {
  if (role && allowed[role].includes(action)) return 'allow';
  if (isAdmin && action === 'manage-members') return 'allow';
  if (role === null && !isAdmin) return 'not-found';
  return 'forbidden';
}
