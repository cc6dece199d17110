import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';

import { useT } from '../i18n/use-t';

interface BoundaryProps {
  readonly fallback: (error: Error, reset: () => void) => ReactNode;
  readonly children: ReactNode;
}

/** React catches render errors only in a class component (there is no hook for it). */
class Boundary extends Component<BoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('waymark: a screen failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    return error ? this.props.fallback(error, () => this.setState({ error: null })) : this.props.children;
  }
}

/**
 * One screen's error boundary: a record the screen cannot show (damaged data, a bug) gives an error
 * card in place of that screen, never a blank app; the header, the other screens and the analyst's
 * data are untouched. Leaving the screen (another address) starts it afresh.
 */
export function ScreenBoundary(props: { readonly children: ReactNode }) {
  const location = useLocation();
  return (
    <Boundary
      key={location.pathname}
      fallback={(error, reset) => <ScreenError error={error} onRetry={reset} />}
    >
      {props.children}
    </Boundary>
  );
}

function ScreenError(props: { readonly error: Error; readonly onRetry: () => void }) {
  const t = useT();
  return (
    <section className="screen screen-error" role="alert" aria-labelledby="screen-error-title">
      <h1 id="screen-error-title">{t('app.screenError.title')}</h1>
      <p>{t('app.screenError.body')}</p>
      <p className="muted">
        {t('app.screenError.detail')}{' '}
        <code lang="en" dir="ltr">
          {props.error.message}
        </code>
      </p>
      <div className="actions">
        <button type="button" className="button primary" onClick={props.onRetry}>
          {t('app.screenError.retry')}
        </button>
        <Link to="/" className="button">
          {t('app.screenError.cases')}
        </Link>
      </div>
    </section>
  );
}
