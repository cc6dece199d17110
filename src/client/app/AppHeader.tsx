import { NavLink } from 'react-router';

import { AccountMenu } from '../features/account/AccountMenu';
import { LanguageMenu } from '../features/settings/LanguageMenu';
import { SyncStatusIndicator } from '../features/sync/SyncStatusIndicator';
import { ExposureCounter } from '../features/wellness/ExposureCounter';
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
        <NavLink to="/search">{t('nav.search')}</NavLink>
        <NavLink to="/lists">{t('nav.lists')}</NavLink>
        <NavLink to="/tools/hash">{t('nav.hashTool')}</NavLink>
      </nav>
      <div className="header-end">
        <SyncStatusIndicator />
        <ExposureCounter />
        <LanguageMenu />
        <AccountMenu />
      </div>
    </header>
  );
}
