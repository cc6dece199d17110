import './account.css';

import { useId, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';

import { useT } from '../../i18n/use-t';
import { safeNextPath, signInErrorText } from './account-errors';
import { useAccount, useSignIn } from './use-account';

/** /sign-in[?next=/path]: the team-server sign-in form. */
export function SignInScreen() {
  const t = useT();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const next = safeNextPath(search.get('next'));
  const account = useAccount();
  const signIn = useSignIn();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  if (account?.status === 'signed-in' && !signIn.isPending) return <Navigate to={next} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    signIn.mutate(
      { username: username.trim(), password },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: () => setPassword(''),
      },
    );
  }

  const error = missing ? t('account.error.missing') : signIn.error ? signInErrorText(t, signIn.error) : null;

  return (
    <div className="screen sign-in-screen">
      <form className="sign-in-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('account.signIn.title')}</h1>
        <p className="muted">{t('account.signIn.intro')}</p>
        <div className="field">
          <label htmlFor={`${id}-user`}>{t('account.username')}</label>
          <input
            id={`${id}-user`}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('account.password')}</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error ? (
          <p id={`${id}-error`} className="error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="submit" className="button primary" disabled={signIn.isPending}>
            {signIn.isPending ? t('account.signingIn') : t('account.signIn')}
          </button>
        </div>
      </form>
    </div>
  );
}
