import { useEffect, useMemo } from 'react';

import { LANGUAGES } from './languages';
import { useLanguageStore } from './language.store';
import { createTranslator, type Translate } from './translate';

export function useT(): Translate {
  const language = useLanguageStore((s) => s.language);
  return useMemo(() => createTranslator(language), [language]);
}

/** Keeps <html lang dir> in step with the chosen language, so the whole layout mirrors for Arabic. */
export function useDocumentLanguage(): void {
  const language = useLanguageStore((s) => s.language);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = LANGUAGES[language].dir;
    document.title = createTranslator(language)('app.name');
  }, [language]);
}

export function useLanguage() {
  return useLanguageStore((s) => s.language);
}
