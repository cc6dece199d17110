import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

import { loadCatalog, loadedCatalog, type Catalog } from './catalog';
import { isLanguageCode, SOURCE_LANGUAGE, type LanguageCode } from './languages';

interface LanguageState {
  language: LanguageCode;
  /** The catalogs fetched so far; a component re-renders when the one it needs arrives. */
  catalogs: Partial<Record<LanguageCode, Catalog>>;
  /** Fetches the language's catalog, then switches (the screen never shows a half-loaded language). */
  setLanguage: (language: LanguageCode) => Promise<void>;
}

function browserDefault(): LanguageCode {
  const preferred = navigator.language.slice(0, 2);
  return isLanguageCode(preferred) ? preferred : SOURCE_LANGUAGE;
}

/** The chosen language, persisted in localStorage so it survives reloads. */
export const useLanguageStore = create<LanguageState>()(
  persist(
    (set) => ({
      language: browserDefault(),
      catalogs: { [SOURCE_LANGUAGE]: loadedCatalog(SOURCE_LANGUAGE) },
      setLanguage: async (language) => {
        const catalog = await loadCatalog(language);
        set((s) => ({ language, catalogs: { ...s.catalogs, [language]: catalog } }));
      },
    }),
    {
      name: 'waymark.language',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ language: s.language }),
      merge: (persisted, current) => {
        const language = (persisted as Partial<LanguageState> | undefined)?.language;
        return isLanguageCode(language) ? { ...current, language } : current;
      },
    },
  ),
);

/**
 * Fetches the catalog of the language chosen in an earlier visit; the app renders after it, so a
 * French analyst never sees a flash of English. If the fetch fails the app starts in English.
 */
export async function loadChosenLanguage(): Promise<void> {
  const { language, setLanguage } = useLanguageStore.getState();
  try {
    await setLanguage(language);
  } catch (error) {
    console.error(`i18n: the ${language} catalog could not be loaded`, error);
  }
}
