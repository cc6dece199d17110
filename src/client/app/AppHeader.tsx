import { NavLink } from 'react-router';

import { LanguageMenu } from '../features/settings/LanguageMenu';
import { useT } from '../i18n/use-t';

export function AppHeader() {
  const t = useT();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <NavLink to="/" className="brand">
        <img src="/favicon.svg" alt="" width={24} height={24} />
        <span>{t('app.name')}</span>
      </NavLink>
      <nav aria-label={t('nav.main')} className="app-nav">
        <NavLink to="/" end>
          {t('nav.cases')}
        </NavLink>
      </nav>
      <div className="header-end">
        <LanguageMenu />
      </div>
    </header>
  );
}
