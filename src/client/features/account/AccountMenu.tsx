import './account.css';

import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';

import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/use-t';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { UnsentChangesDialog } from './UnsentChangesDialog';
import { useAccount, useSignOut } from './use-account';

/**
 * The header's account control: "Sign in" when signed out, a "Local only" note when there is no
 * team server, and a disclosure menu (who, organization, sign out) when signed in.
 */
export function AccountMenu() {
  const t = useT();
  const account = useAccount();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  // Changes that could not be sent stop a sign-out until the analyst stays or discards them.
  const [unsent, setUnsent] = useState<{ count: number; everywhere: boolean } | null>(null);
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!account) return null;
  if (account.status === 'no-server')
    return (
      <span className="badge account-local" title={t('account.localOnly.hint')}>
        {t('account.localOnly')}
      </span>
    );
  if (account.status === 'signed-out') {
    const here = location.pathname === '/sign-in' ? '/' : `${location.pathname}${location.search}`;
    return (
      <Link className="account-sign-in" to={`/sign-in?next=${encodeURIComponent(here)}`}>
        {t('account.signIn')}
      </Link>
    );
  }

  const { user } = account.me;
  function startSignOut(everywhere: boolean, discardUnsent = false) {
    signOut.mutate(
      { everywhere, discardUnsent },
      {
        onSuccess: (result) => {
          if (result.done) {
            setUnsent(null);
            setOpen(false);
            // The case on screen may have just left the browser: back to the cases list.
            if (location.pathname.startsWith('/cases/')) void navigate('/');
          } else {
            // The menu gives way to the dialog; "Stay signed in" brings the focus back to the account button.
            setOpen(false);
            setUnsent({ count: result.unsent, everywhere });
          }
        },
      },
    );
  }
  return (
    <div className="account-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="account-button"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        aria-label={t('account.menu.button', { name: user.displayName })}
        onClick={() => setOpen((o) => !o)}
      >
        {/* The initial is drawn by CSS (::before), so the button's visible text is the name alone and
            its accessible name "Account: <name>" contains it (WCAG 2.5.3, label in name). */}
        <span className="account-initial" data-initial={[...user.displayName][0]?.toUpperCase() ?? '?'} />
        <span className="account-name">{user.displayName}</span>
      </button>
      {open ? (
        <div
          id={`${id}-menu`}
          className="account-popover"
          role="group"
          aria-label={t('account.menu.button', { name: user.displayName })}
        >
          <p>{t('account.menu.signedInAs', { name: user.username })}</p>
          {user.organization ? <p className="muted">{user.organization}</p> : null}
          {user.isAdmin ? <p className="badge">{t('account.menu.admin')}</p> : null}
          {signOut.error ? (
            <p className="error" role="alert">
              {t('account.signOut.failed', {
                reason: errorText(t, signOut.error),
              })}
            </p>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={() => {
              setOpen(false);
              setChangingPassword(true);
            }}
          >
            {t('account.password.change')}
          </button>
          <p className="muted account-sign-out-hint">{t('account.signOut.hint')}</p>
          {signOut.isPending ? <p role="status">{t('account.signOut.working')}</p> : null}
          <button
            type="button"
            className="button"
            autoFocus
            disabled={signOut.isPending}
            onClick={() => startSignOut(false)}
          >
            {t('account.signOut')}
          </button>
          <button
            type="button"
            className="button"
            disabled={signOut.isPending}
            onClick={() => startSignOut(true)}
          >
            {t('account.signOutEverywhere')}
          </button>
        </div>
      ) : null}
      <UnsentChangesDialog
        unsent={unsent?.count ?? null}
        busy={signOut.isPending}
        onStay={() => {
          setUnsent(null);
          buttonRef.current?.focus();
        }}
        onDiscard={() => unsent && startSignOut(unsent.everywhere, true)}
      />
      <ChangePasswordDialog
        open={changingPassword}
        username={user.username}
        onClose={() => {
          setChangingPassword(false);
          buttonRef.current?.focus();
        }}
      />
    </div>
  );
}
