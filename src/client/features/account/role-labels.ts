import type { CaseRole } from '../../../contract/cases.contract';
import type { MessageKey } from '../../i18n/catalog';

/** How each case role reads, wherever a role is shown. */
export const ROLE_LABEL: Record<CaseRole, MessageKey> = {
  owner: 'members.role.owner',
  analyst: 'members.role.analyst',
  viewer: 'members.role.viewer',
};
