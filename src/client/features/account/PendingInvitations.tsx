import './account.css';

import { useId } from 'react';

import type { MyInvitationView } from '../../../contract/cases.contract';
import { errorText } from '../../i18n/error-text';
import { formatInstant } from '../../i18n/format-time';
import { useLanguage, useT } from '../../i18n/use-t';
import { ROLE_LABEL } from './role-labels';
import { useAccount } from './use-account';
import { useAnswerInvitation, useMyInvitations } from './use-invitations';

/**
 * The signed-in analyst's pending invitations, for the case list to mount. A case shows up in the list
 * (and in this browser) only after its invitation is accepted; nothing shows when there are none.
 */
export function PendingInvitations() {
  const t = useT();
  const language = useLanguage();
  const titleId = useId();
  const account = useAccount();
  const signedIn = account?.status === 'signed-in';
  const invitations = useMyInvitations(signedIn);
  const answer = useAnswerInvitation();
  const list = invitations.data?.invitations ?? [];
  if (!signedIn || list.length === 0) return null;
  const busy = (i: MyInvitationView) => answer.isPending && answer.variables.invitationId === i.id;
  return (
    <section className="invitations-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('invitations.title')}</h2>
      <ul className="invitation-list">
        {list.map((i) => (
          <li key={i.id}>
            <p>
              {t('invitations.item', {
                caseName: i.caseName,
                invitedBy: i.invitedBy,
                role: t(ROLE_LABEL[i.role]),
                date: formatInstant(i.invitedAt, language),
              })}
            </p>
            <div className="invitation-actions">
              <button
                type="button"
                className="button primary"
                aria-label={t('invitations.acceptNamed', { caseName: i.caseName })}
                disabled={busy(i)}
                onClick={() => answer.mutate({ kind: 'accept', invitationId: i.id })}
              >
                {t('invitations.accept')}
              </button>
              <button
                type="button"
                className="button"
                aria-label={t('invitations.declineNamed', { caseName: i.caseName })}
                disabled={busy(i)}
                onClick={() => answer.mutate({ kind: 'decline', invitationId: i.id })}
              >
                {t('invitations.decline')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {answer.error ? (
        <p className="error" role="alert">
          {t('invitations.failed', { reason: errorText(t, answer.error) })}
        </p>
      ) : null}
    </section>
  );
}
