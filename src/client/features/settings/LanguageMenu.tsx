import { useId } from 'react';

import { isLanguageCode, LANGUAGES } from '../../i18n/languages';
import { useLanguageStore } from '../../i18n/language.store';
import { useT } from '../../i18n/use-t';

/** The language menu: each language named in itself, so anyone can find their own. */
export function LanguageMenu() {
  const t = useT();
  const id = useId();
  const language = useLanguageStore((s) => s.language);
  const setLanguage = useLanguageStore((s) => s.setLanguage);
  return (
    <div className="language-menu">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={language}
        onChange={(e) => {
          if (isLanguageCode(e.target.value)) void setLanguage(e.target.value);
        }}
      >
        {Object.entries(LANGUAGES).map(([code, { name }]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
