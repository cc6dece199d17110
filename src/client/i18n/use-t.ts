import { useEffect } from 'react';

import type { Catalog } from './catalog';
import { LANGUAGES, type LanguageCode } from './languages';
import { useLanguageStore } from './language.store';
import { createTranslator, type Translate } from './translate';

/** One translator per loaded catalog, shared by every component (its compiled messages with it). */
const translators = new Map<LanguageCode, { catalog: Catalog | undefined; t: Translate }>();

function translatorFor(language: LanguageCode, catalog: Catalog | undefined): Translate {
  const cached = translators.get(language);
  if (cached && cached.catalog === catalog) return cached.t;
  const t = createTranslator(language, catalog);
  translators.set(language, { catalog, t });
  return t;
}

export function useT(): Translate {
  const language = useLanguageStore((s) => s.language);
  const catalog = useLanguageStore((s) => s.catalogs[s.language]);
  return translatorFor(language, catalog);
}

/** Keeps <html lang dir> in step with the chosen language, so the whole layout mirrors for Arabic. */
export function useDocumentLanguage(): void {
  const language = useLanguageStore((s) => s.language);
  const t = useT();
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = LANGUAGES[language].dir;
    document.title = t('app.name');
  }, [language, t]);
}

export function useLanguage() {
  return useLanguageStore((s) => s.language);
}
