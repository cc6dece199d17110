import {
  AccountErrorReason,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '../../../contract/account.contract';
import { MAX_PENDING_INVITATIONS, MemberErrorReason } from '../../../contract/cases.contract';
import { ApiError, ServerUnreachableError } from '../../api/api-client';
import { errorText } from '../../i18n/error-text';
import type { Translate } from '../../i18n/translate';

/** A sign-in failure in words an analyst can act on. */
export function signInErrorText(t: Translate, error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return t('account.error.invalid');
  if (error instanceof ApiError && error.status === 429)
    return t('account.error.rateLimited', {
      count: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)),
    });
  if (error instanceof ServerUnreachableError) return t('account.error.noServer');
  return t('account.error.other', { reason: errorText(t, error) });
}

/** A refused password change, by the contract's reason (AccountErrorReason) or status. */
export function passwordChangeErrorText(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    const reason = AccountErrorReason.safeParse(error.reason);
    if (reason.success) {
      if (reason.data === 'wrong_password') return t('account.password.error.wrong');
      if (reason.data === 'weak_password')
        return t('account.password.error.weak', { min: PASSWORD_MIN_LENGTH });
      return t('account.password.error.tooLong', { max: PASSWORD_MAX_LENGTH });
    }
    if (error.status === 429)
      return t('account.error.rateLimited', {
        count: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)),
      });
    if (error.status === 401) return t('account.password.error.signedOut');
  }
  if (error instanceof ServerUnreachableError) return t('account.error.noServer');
  return t('account.password.error.other', { reason: errorText(t, error) });
}

/** A refused membership change, by the contract's reason (MemberErrorReason) or error code. */
export function memberErrorText(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    const reason = MemberErrorReason.safeParse(error.reason);
    if (reason.success) {
      if (reason.data === 'last_owner') return t('members.error.lastOwner');
      if (reason.data === 'already_member') return t('members.error.alreadyMember');
      return t('members.error.tooManyInvitations', { max: MAX_PENDING_INVITATIONS });
    }
    if (error.code === 'forbidden') return t('members.error.forbidden');
    // The case, the member or the invitation is gone (never "no such user": invitations do not say).
    if (error.code === 'not_found') return t('members.error.gone');
    if (error.code === 'conflict') return t('members.error.conflict');
  }
  return t('members.error.other', { reason: errorText(t, error) });
}

/** Only same-site paths are followed after sign-in (never `//host` or a full URL). */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
