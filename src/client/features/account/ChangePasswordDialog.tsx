import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

import { PASSWORD_MIN_LENGTH } from '../../../contract/account.contract';
import { useT } from '../../i18n/use-t';
import { passwordChangeErrorText } from './account-errors';
import { useChangePassword } from './use-account';

/**
 * The account menu's password change, a modal dialog (native <dialog>: focus trap and Escape come
 * with it). The current password is required; the new one is typed twice. The server signs every
 * other session out; this browser stays signed in with a new session.
 */
export function ChangePasswordDialog(props: { open: boolean; username: string; onClose: () => void }) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const { reset } = change;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      setCurrent('');
      setNext('');
      setRepeat('');
      setProblem(null);
      reset();
      dialog.showModal();
    } else if (!props.open && dialog.open) dialog.close();
  }, [props.open, reset]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!current || !next) return setProblem(t('account.password.error.missing'));
    if ([...next].length < PASSWORD_MIN_LENGTH || next.trim() === '')
      return setProblem(t('account.password.error.weak', { min: PASSWORD_MIN_LENGTH }));
    if (next !== repeat) return setProblem(t('account.password.error.mismatch'));
    setProblem(null);
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
        },
        onError: () => setCurrent(''),
      },
    );
  }

  const error = problem ?? (change.error ? passwordChangeErrorText(t, change.error) : null);
  const describedBy = (hint?: string) => [hint, error ? `${id}-error` : undefined].filter(Boolean).join(' ');

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onClose={props.onClose}>
      {change.isSuccess ? (
        <div className="password-done">
          <h2 id={`${id}-title`}>{t('account.password.title')}</h2>
          <p role="status">{t('account.password.done')}</p>
          <div className="dialog-actions">
            <button type="button" className="button primary" autoFocus onClick={props.onClose}>
              {t('common.close')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} noValidate>
          <h2 id={`${id}-title`}>{t('account.password.title')}</h2>
          <p className="muted">{t('account.password.intro')}</p>
          {/* The username, hidden, lets a password manager file the new password under the right account. */}
          <input type="text" hidden readOnly autoComplete="username" value={props.username} />
          <div className="field">
            <label htmlFor={`${id}-current`}>{t('account.password.current')}</label>
            <input
              id={`${id}-current`}
              type="password"
              autoComplete="current-password"
              autoFocus
              value={current}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy() || undefined}
              onChange={(e) => setCurrent(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-new`}>{t('account.password.new')}</label>
            <input
              id={`${id}-new`}
              type="password"
              autoComplete="new-password"
              value={next}
              aria-describedby={describedBy(`${id}-hint`)}
              onChange={(e) => setNext(e.target.value)}
            />
            <p id={`${id}-hint`} className="hint">
              {t('account.password.newHint', { min: PASSWORD_MIN_LENGTH })}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-repeat`}>{t('account.password.repeat')}</label>
            <input
              id={`${id}-repeat`}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          </div>
          {error ? (
            <p id={`${id}-error`} className="error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={props.onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button primary" disabled={change.isPending}>
              {change.isPending ? t('account.password.saving') : t('account.password.submit')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
